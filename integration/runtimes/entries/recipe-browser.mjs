import '../../../examples/runtime-browser/main.ts';
