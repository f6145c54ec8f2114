declare module 'quick-format-unescaped' {
  function format(
    f: unknown,
    args: unknown[],
    opts?: { stringify?: (value: unknown) => string },
  ): string;
  export = format;
}
