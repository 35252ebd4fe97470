// Legacy decorators + reflect-metadata: metadata other decorators put on the method survives,
// whichever order the decorators are written in.
import 'reflect-metadata';
import { LLM_SPAN_METADATA_KEY, llmSpan } from '../../../src';
import { useTracing } from '../../engine/harness';

const h = useTracing();

/** A NestJS-like route decorator: metadata on descriptor.value. */
function Get(path: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata('path', path, descriptor.value as object);
    Reflect.defineMetadata('method', 'GET', descriptor.value as object);
  };
}

class Controller {
  // Ours runs last (decorators apply bottom-up): Get's metadata is on the original; we copy it.
  @llmSpan('CHAIN')
  @Get('/a')
  a(): string {
    return 'a';
  }

  // Ours runs first: Get writes straight onto our wrapper.
  @Get('/b')
  @llmSpan({ kind: 'TOOL', name: 'bee' })
  b(x: number): number {
    return x;
  }
}

describe('reflect-metadata under legacy decorators', () => {
  it('carries other decorators metadata from the original to the wrapper (ours outermost)', () => {
    const fn = Controller.prototype.a;
    expect(Reflect.getMetadata('path', fn)).toBe('/a');
    expect(Reflect.getMetadata('method', fn)).toBe('GET');
    expect(Reflect.getMetadata(LLM_SPAN_METADATA_KEY, fn)).toEqual({ kind: 'CHAIN' });
  });

  it('keeps metadata written after ours on the wrapper (ours innermost)', () => {
    const fn = Controller.prototype.b;
    expect(Reflect.getMetadata('path', fn)).toBe('/b');
    expect(Reflect.getMetadata(LLM_SPAN_METADATA_KEY, fn)).toEqual({ kind: 'TOOL', name: 'bee' });
  });

  it('emits design metadata for the method untouched', () => {
    expect(Reflect.getMetadata('design:paramtypes', Controller.prototype, 'b')).toEqual([Number]);
  });

  it('the decorated methods still trace', () => {
    expect(new Controller().b(3)).toBe(3);
    expect(h.span('execute_tool bee').attributes['gen_ai.tool.name']).toBe('bee');
  });
});
