/** Slug rule of onboardTenant: 3-40 of lower-case letters, digits and '-', starting with a letter. */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{2,39}$/;

/** A slug suggested from a company name: "Acme Ltd." → "acme-ltd". */
export function suggestSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug;
}
