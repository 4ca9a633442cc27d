/** Stylesheets imported as text: esbuild's `text` loader (esbuild.mjs) inlines them into the bundle. */
declare module '*.css' {
  const text: string;
  export default text;
}
