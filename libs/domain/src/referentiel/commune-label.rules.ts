/**
 * « Commune de … » in French: elided before a vowel or a mute h (« Commune d’Ahun »,
 * « Commune d’Hendaye »), contracted with a leading article (« Commune du Blanc »,
 * « Commune des Andelys »), kept before an aspirated h (« Commune de Haguenau ») and before
 * « La » or « L’ » (« Commune de La Souterraine »).
 *
 * Whether an h is mute cannot be told from spelling alone: names in « Ha… » (mostly Germanic,
 * aspirated: Haguenau, Hazebrouck, Hayange) keep « de », the others elide.
 */
export function deCommune(nom: string): string {
  return `Commune ${deNom(nom)}`;
}

/** « de » before a place name, elided or contracted as French writes it: « d’Ahun », « du Blanc ». */
export function deNom(nom: string): string {
  const name = nom.trim();
  const article = /^(Les|Le)\s+(.+)$/.exec(name);
  if (article) return `${article[1] === 'Le' ? 'du' : 'des'} ${article[2]}`;
  const first = name.normalize('NFD').charAt(0).toLowerCase();
  if ('aeiouy'.includes(first) && first !== '') return `d’${name}`;
  if (first === 'h' && !/^ha/i.test(name.normalize('NFD'))) return `d’${name}`;
  return `de ${name}`;
}
