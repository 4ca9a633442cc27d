/** An incident ID as the template writes it, INC-YYYY-SEQ; the extension's input box asks the server (postmortem/checkNewDocument). */
export const INCIDENT_ID = /^INC-(\d{4})-(\d{1,6})$/;
