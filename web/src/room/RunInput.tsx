import type { RunView } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { runPhase } from '../lib/runState.ts';

interface RunInputProps {
  run: RunView | null;
  /** Sends text to the running program, then the end of its input if `eof`; false when it could not be sent. */
  onSend(data: string, eof: boolean): boolean;
}

/**
 * The terminal line under the console while a run takes live input (Run was pressed with
 * an empty Input box): Enter sends the line, Ctrl+D or the EOF button end the program's
 * input (after what is typed). Everyone sees what was typed, echoed in the console.
 */
export function RunInput({ run, onSend }: RunInputProps) {
  const [text, setText] = useState('');
  if (!run?.live) return null;
  const phase = runPhase(run);
  const ended = run.events.some((e) => e.type === 'input' && e.eof);
  const open = (phase === 'starting' || phase === 'running') && !ended;
  const send = (data: string, eof: boolean) => {
    if (onSend(data, eof)) setText('');
  };
  return (
    <form
      class="run-input"
      data-testid="run-input"
      onSubmit={(e) => {
        e.preventDefault();
        send(`${text}\n`, false);
      }}
    >
      <span class="run-input-prompt" aria-hidden="true">
        ›
      </span>
      <input
        class="run-input-line"
        data-testid="stdin-line"
        aria-label="Input for the running program (Enter sends the line, Ctrl+D ends the input)"
        autocomplete="off"
        spellcheck={false}
        disabled={!open}
        placeholder={open ? 'Type input for the program, Enter to send' : 'The program takes no more input'}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'd' && e.ctrlKey && !e.altKey && !e.metaKey) {
            e.preventDefault();
            send(text, true);
          }
        }}
      />
      <button
        type="button"
        class="button run-input-eof"
        data-testid="stdin-eof"
        disabled={!open}
        title="End the program's input (Ctrl+D)"
        onClick={() => send(text, true)}
      >
        EOF
      </button>
    </form>
  );
}
