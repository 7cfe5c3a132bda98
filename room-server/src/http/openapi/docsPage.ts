import type { JsonSchema, OpenApiAnswer, OpenApiDocument, OpenApiMedia, OpenApiOperation } from './openApiDocument.ts';
import { escapeHtml, schemaHtml } from './schemaText.ts';

/**
 * /api/docs: the OpenAPI document as one page, written on the server. The site's CSP
 * runs no inline script and nothing from elsewhere, so the page needs none: a contents
 * list, each route with its parameters, body and answers, and the named schemas, linked.
 */
export function docsPage(document: OpenApiDocument): string {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  const sections = document.tags.map((tag) => {
    const own = operations.filter(({ operation }) => operation.tags.includes(tag.name));
    return `<section id="tag-${anchor(tag.name)}"><h2>${escapeHtml(tag.name)}</h2><p>${escapeHtml(tag.description)}</p>${own
      .map(({ path, method, operation }) => operationHtml(path, method, operation))
      .join('')}</section>`;
  });
  const contents = document.tags.map((tag) => {
    const links = operations
      .filter(({ operation }) => operation.tags.includes(tag.name))
      .map(
        ({ path, method, operation }) =>
          `<li><a href="#${operation.operationId}"><span class="method ${method}">${method.toUpperCase()}</span> ${escapeHtml(path)}</a></li>`,
      );
    return `<li><a href="#tag-${anchor(tag.name)}">${escapeHtml(tag.name)}</a><ul>${links.join('')}</ul></li>`;
  });
  const schemas = Object.entries(document.components.schemas).map(
    ([name, schema]) =>
      `<article id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><pre>${schemaHtml(schema)}</pre></article>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)}</title><style>${STYLE}</style></head>
<body><nav><h1>${escapeHtml(document.info.title)}</h1><p>OpenAPI ${escapeHtml(document.openapi)} · <a href="/api/openapi.json">openapi.json</a></p>
<ul>${contents.join('')}<li><a href="#schemas">Schemas</a></li></ul></nav>
<main><p>${inlineCode(document.info.description)}</p>${sections.join('')}
<section id="schemas"><h2>Schemas</h2>${schemas.join('')}</section></main></body></html>`;
}

function operationHtml(path: string, method: string, operation: OpenApiOperation): string {
  const parameters = operation.parameters.map(
    (parameter) =>
      `<tr><td><code>${escapeHtml(String(parameter.name))}</code></td><td>${escapeHtml(String(parameter.in))}${parameter.required ? '' : ', optional'}</td><td><code>${schemaHtml(parameter.schema as JsonSchema)}</code></td><td>${inlineCode(String(parameter.description ?? ''))}</td></tr>`,
  );
  const body = operation.requestBody;
  const responses = Object.entries(operation.responses).map(
    ([status, answer]) =>
      `<dt class="status s${status[0]}">${status}</dt><dd>${inlineCode(answer.description)}${headersHtml(answer.headers)}${contentHtml(answer.content)}</dd>`,
  );
  return `<article id="${operation.operationId}"><h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${inlineCode(operation.summary)}</p><p>${inlineCode(operation.description)}</p>
${parameters.length > 0 ? `<table><tr><th>Parameter</th><th>In</th><th>Type</th><th></th></tr>${parameters.join('')}</table>` : ''}
${body ? `<h4>Body${body.required ? '' : ' (optional)'}</h4>${body.description ? `<p>${escapeHtml(body.description)}</p>` : ''}${contentHtml(body.content)}` : ''}
<h4>Answers</h4><dl>${responses.join('')}</dl></article>`;
}

function contentHtml(content: Record<string, OpenApiMedia> | undefined): string {
  if (!content) return '';
  return Object.entries(content)
    .map(([type, media]) => {
      if (type === 'application/json') return `<pre>${schemaHtml(media.schema)}</pre>`;
      const items = media['x-itemSchema'];
      return `<p class="type">${escapeHtml(type)}${items ? `, a line each: ${schemaHtml(items)}` : ''}</p>`;
    })
    .join('');
}

function headersHtml(headers: OpenApiAnswer['headers']): string {
  if (!headers) return '';
  const rows = Object.entries(headers).map(
    ([name, header]) => `<li><code>${escapeHtml(name)}</code>: ${inlineCode(header.description)}</li>`,
  );
  return `<ul class="headers">${rows.join('')}</ul>`;
}

/** The text with its `code` spans and **bold** written as HTML. */
function inlineCode(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\n\n/g, '<br>');
}

function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

const STYLE = `
body{margin:0;display:flex;font:15px/1.5 system-ui,sans-serif;color:#1d2430;background:#fff}
nav{position:sticky;top:0;height:100vh;overflow:auto;width:22rem;flex:none;padding:1rem;background:#f4f6f9;border-right:1px solid #dde2ea;box-sizing:border-box}
nav ul{list-style:none;padding-left:.6rem;margin:.2rem 0;font-size:13px}nav li li{white-space:nowrap}nav a{color:inherit;text-decoration:none}nav a:hover{text-decoration:underline}
nav h1{font-size:1.2rem;margin:0 0 .3rem}main{padding:1rem 2rem;max-width:60rem;min-width:0}
article{border-top:1px solid #dde2ea;padding:.6rem 0}h3{font-size:1.05rem;margin:.4rem 0}h4{margin:.6rem 0 .2rem;font-size:.95rem}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:13px;border-radius:4px}code{font-size:.92em}
.method{display:inline-block;min-width:3.6rem;font:600 12px/1.6 monospace;text-align:center;border-radius:3px;color:#fff;background:#6b7280}
.get{background:#2563eb}.post{background:#059669}.put{background:#b45309}.patch{background:#7c3aed}.delete{background:#dc2626}
dl{display:grid;grid-template-columns:3.5rem 1fr;gap:.2rem .6rem}dt{font:600 14px monospace}dd{margin:0}.s2{color:#047857}.s4{color:#b45309}.s5{color:#b91c1c}
table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #dde2ea;padding:.2rem .5rem;text-align:left;vertical-align:top}
.facets{color:#6b7280}.type{font-family:monospace}.headers{margin:.2rem 0;padding-left:1.2rem;font-size:14px}
`;
