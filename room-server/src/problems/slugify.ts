/** "Hello, Wörld!" → "hello-world"; '' when nothing usable is left (fewer than 2 characters). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 64)
    .replace(/^-+|-+$/g, '');
  return slug.length >= 2 ? slug : '';
}
