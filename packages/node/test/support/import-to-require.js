/**
 * Jest transform for the OTLP exporter's transport only. Its `import('http')` needs
 * --experimental-vm-modules inside Jest's sandbox; under plain Node it works as is. Rewriting the
 * builtin imports to `require` keeps the tests on the real exporter code without changing how
 * Jest runs for everyone else.
 */
module.exports = {
  process(source) {
    return { code: source.replace(/\bimport\((['"])(https?|zlib)\1\)/g, 'Promise.resolve(require("$2"))') };
  },
};
