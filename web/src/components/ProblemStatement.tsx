import type { Sample } from '@codestream/shared';
import { useMathStyles } from '../hooks/useMathStyles.ts';

/**
 * A problem's statement and sample tests. `statementHtml` is rendered by the server from
 * the author's Markdown and sanitised there (raw HTML in it is shown as text); it is the
 * only HTML this app injects, and Markdown is never rendered here.
 */
export function ProblemStatement({
  statementHtml,
  samples,
  headingLevel = 2,
}: {
  statementHtml: string;
  samples: readonly Sample[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  useMathStyles(statementHtml);
  return (
    <div class="statement-block">
      <div class="statement markdown" data-testid="statement" dangerouslySetInnerHTML={{ __html: statementHtml }} />
      {samples.length > 0 && (
        <section class="samples" aria-label="Samples" data-testid="samples">
          {samples.map((sample, i) => (
            // Samples have no ids; their order is fixed by the server.
            <div key={i} class="sample" data-testid="sample">
              <Heading class="sample-title">Sample {i + 1}</Heading>
              <div class="sample-io">
                <figure>
                  <figcaption>Input</figcaption>
                  <pre data-testid="sample-input">{sample.input}</pre>
                </figure>
                <figure>
                  <figcaption>Output</figcaption>
                  <pre data-testid="sample-output">{sample.output}</pre>
                </figure>
              </div>
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
