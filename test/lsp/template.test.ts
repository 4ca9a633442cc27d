import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type AnalysisResult, NEW_DOCUMENT_REQUEST } from '../../shared/protocol';
import { readFixture } from '../paths';
import { withServer } from './client';

test("a post-mortem beside its team's template gets the template's slots it keeps; the template itself is not linted; a changed template lints again", () =>
  withServer({}, async (client) => {
    mkdirSync(join(client.root, 'postmortems', '2026-03'), { recursive: true });
    const templatePath = join(client.root, 'postmortems', 'template.md');
    writeFileSync(templatePath, readFixture('templates', 'team', 'template.md'));

    const uri = await client.openLinted('postmortems/2026-03/dns.md', readFixture('templates', 'team', '2026-03', 'dns-post-mortem.md'));
    const unfilled = (await client.diagnostics(uri, 1)).diagnostics.filter((d) => d.code === 'unfilled');
    assert.deepEqual(unfilled.map((d) => d.range.start.line + 1), [3, 11, 13, 17, 21, 30, 34, 39, 40, 42]);
    assert.equal(unfilled[9].message, 'Section "What Went Well" is still empty, as in the template: write it or remove it.');
    const analysis = await client.request<AnalysisResult>('postmortem/analysis', { uri });
    assert.equal(analysis.metrics.completeness, 0.47);

    const template = await client.openLinted('postmortems/template.md', readFixture('templates', 'team', 'template.md'));
    assert.deepEqual((await client.diagnostics(template, 1)).diagnostics, []);
    assert.equal((await client.request<AnalysisResult>('postmortem/analysis', { uri: template })).isPostMortem, false);

    // The team drops the Root Cause question from its template: a post-mortem keeping it is no longer told it is the template's.
    writeFileSync(templatePath, readFixture('templates', 'team', 'template.md').replace('What defect led to the outage? How did it arise?', ''));
    const again = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('postmortems/template.md'), type: 2 }] });
    assert.deepEqual((await again).diagnostics.filter((d) => d.code === 'unfilled').map((d) => d.range.start.line + 1), [3, 11, 13, 17, 30, 34, 39, 40, 42]);
  }));

test("New Post-Mortem from Template starts from the team's template where the document goes, else ours", () =>
  withServer({}, async (client) => {
    mkdirSync(join(client.root, 'incidents'), { recursive: true });
    writeFileSync(join(client.root, 'incidents', 'template.md'), '# Incident Title\n\nIncident Lead:\n\n## Summary\n');
    const answers = { incidentId: 'INC-2026-101', severity: 'P1', title: 'Queue backlog', incidentDate: '2026-11-20' };
    const team = await client.request<{ text: string }>(NEW_DOCUMENT_REQUEST, { ...answers, folderUri: client.uri('incidents') });
    assert.equal(team.text, '# Queue backlog\n\nIncident Lead:\n\n## Summary\n');
    const ours = await client.request<{ text: string }>(NEW_DOCUMENT_REQUEST, { ...answers, folderUri: client.uri('postmortems') });
    assert.ok(ours.text.startsWith('# Post-Mortem: Queue backlog'));
  }));
