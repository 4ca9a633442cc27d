// typescript-eslint resolves `typescript` from here, so it gets TypeScript 5's JS API while `tsc`
// stays TypeScript 7 at the root.
export { default } from 'typescript-eslint';
export { parse } from '@typescript-eslint/typescript-estree';
