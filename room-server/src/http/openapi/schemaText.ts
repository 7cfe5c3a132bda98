import type { JsonSchema } from './openApiDocument.ts';

/**
 * A JSON Schema written as a short type, the way a TypeScript reader expects it
 * (`{ id: string, role: "host" | "editor" | null }`), as escaped HTML whose named schemas
 * link to their sections of the docs page.
 */
export function schemaHtml(schema: JsonSchema, indent = ''): string {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').at(-1) ?? ref;
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives)
    return union(
      alternatives.map((member) => schemaHtml(member, `${indent}  `)),
      indent,
    );
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal), indent);
  const type = schema.type;
  if (Array.isArray(type))
    return union(
      type.map((t) => schemaHtml({ ...schema, type: t }, indent)),
      indent,
    );
  switch (type) {
    case 'object':
      return objectHtml(schema, indent);
    case 'array':
      return arrayHtml(schema, indent);
    case 'string':
      return `string${facets(schema, ['format', 'contentMediaType', 'minLength', 'maxLength', 'pattern', 'default'])}`;
    case 'integer':
    case 'number':
      return `${type}${facets(schema, ['minimum', 'maximum', 'exclusiveMinimum', 'default'])}`;
    case 'boolean':
      return `boolean${facets(schema, ['default'])}`;
    case 'null':
      return 'null';
    default:
      return 'any';
  }
}

function objectHtml(schema: JsonSchema, indent: string): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const extra = schema.additionalProperties;
  const inner = `${indent}  `;
  const lines = Object.entries(properties).map(
    ([name, property]) => `${inner}${escapeHtml(name)}${required.has(name) ? '' : '?'}: ${schemaHtml(property, inner)}`,
  );
  if (extra && typeof extra === 'object') {
    const key = schema.propertyNames ? schemaHtml(schema.propertyNames as JsonSchema, inner) : 'string';
    lines.push(`${inner}[key: ${key}]: ${schemaHtml(extra as JsonSchema, inner)}`);
  } else if (extra !== false && lines.length === 0) {
    return 'object';
  }
  if (lines.length === 0) return '{}';
  const oneLine = `{ ${lines.map((line) => line.trimStart()).join(', ')} }`;
  if (!oneLine.includes('\n') && visibleLength(oneLine) <= 60) return oneLine;
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function arrayHtml(schema: JsonSchema, indent: string): string {
  const tuple = schema.prefixItems as JsonSchema[] | undefined;
  if (tuple) return `[${tuple.map((item) => schemaHtml(item, indent)).join(', ')}]`;
  const items = schema.items as JsonSchema | undefined;
  const item = items ? schemaHtml(items, indent) : 'any';
  // `T[]` only for a one-word T: `string (maxLength: 9)[]` would read as a bound on the list.
  const list = /\s/.test(item.replace(/<[^>]*>/g, '')) ? `Array&lt;${item}&gt;` : `${item}[]`;
  return `${list}${facets(schema, ['minItems', 'maxItems'])}`;
}

function union(members: string[], indent: string): string {
  const oneLine = members.join(' | ');
  if (!oneLine.includes('\n') && visibleLength(oneLine) <= 90) return oneLine;
  return members.map((member) => `\n${indent}  | ${member}`).join('');
}

/** Characters a reader sees of some HTML: tags left out, an entity one character. */
function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/&#?\w+;/g, '.').length;
}

/** Bounds JSON Schema writers add for every integer say nothing to a reader. */
const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

function facets(schema: JsonSchema, keys: readonly string[]): string {
  const parts = keys.flatMap((key) => {
    const value = schema[key];
    if (value === undefined || (typeof value === 'number' && Math.abs(value) === SAFE_INTEGER)) return [];
    if (key === 'pattern' && (schema.format || String(value).length > 60)) return [];
    return [
      `${key}: ${escapeHtml(typeof value === 'string' && key !== 'format' ? JSON.stringify(value) : String(value))}`,
    ];
  });
  return parts.length > 0 ? ` <span class="facets">(${parts.join(', ')})</span>` : '';
}

function literal(value: unknown): string {
  return escapeHtml(JSON.stringify(value));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
