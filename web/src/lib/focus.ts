/**
 * After a failed submit, moves focus to the first field marked invalid inside `root`
 * (after the render that marks it), so keyboard and screen-reader users land on the problem.
 */
export function focusFirstInvalid(root: string): void {
  setTimeout(() => {
    document.querySelector<HTMLElement>(`${root} [aria-invalid="true"]`)?.focus();
  }, 0);
}
