export { default } from 'typescript-eslint';
export { parse } from '@typescript-eslint/typescript-estree';
