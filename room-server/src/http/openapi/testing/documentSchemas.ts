import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonSchema, OpenApiDocument } from '../openApiDocument.ts';

/** Where the document's named schemas live for the validator. */
const BASE = 'https://codestream.invalid/schemas/';

/**
 * JSON Schema validators for the schemas of an OpenAPI document (2020-12, strict, formats
 * checked), its `#/components/schemas/…` references resolved. Used by the tests: one
 * proves every schema of the document is valid JSON Schema, another checks live answers.
 */
export function documentSchemas(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    ajv.addSchema(resolvable(schema), `${BASE}${name}`);
  }
  const compiled = new Map<JsonSchema, ValidateFunction>();
  return {
    /** A validator of `schema` (a part of the document), compiled once. */
    validator(schema: JsonSchema): ValidateFunction {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.compile(resolvable(schema));
        compiled.set(schema, validate);
      }
      return validate;
    },
    /** Every named schema's validator (compiling them proves them valid). */
    named(): ValidateFunction[] {
      return Object.keys(document.components.schemas).map(
        (name) => ajv.getSchema(`${BASE}${name}`) as ValidateFunction,
      );
    },
    errorsText(validate: ValidateFunction): string {
      return ajv.errorsText(validate.errors, { separator: '\n' });
    },
  };
}

/** A copy of `schema` whose `#/components/schemas/X` references name the validator's copies. */
function resolvable(schema: unknown): JsonSchema {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', BASE) : rewrite(value),
      ]),
    );
  };
  return rewrite(schema) as JsonSchema;
}
