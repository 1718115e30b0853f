/** The catalogue of dispositifs the ANCT manages: consistency of an entry (field → messages). */
export interface DispositifFields {
  nom: string;
  anneeDebut: number | null;
  anneeFin: number | null;
}

export function dispositifErrors(d: DispositifFields): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (d.nom.trim().length < 2) add('nom', 'Indiquez le nom du dispositif.');
  for (const k of ['anneeDebut', 'anneeFin'] as const) {
    const v = d[k];
    if (v !== null && (!Number.isInteger(v) || v < 2015 || v > 2100)) add(k, 'Année invalide (entre 2015 et 2100).');
  }
  if (d.anneeDebut !== null && d.anneeFin !== null && d.anneeFin < d.anneeDebut && !errors.anneeFin) add('anneeFin', 'La dernière année précède la première.');
  return errors;
}

/** Whether a dispositif is open to a campaign year (no bound: always). */
export function dispositifCouvre(d: { anneeDebut: number | null; anneeFin: number | null }, annee: number): boolean {
  return (d.anneeDebut === null || annee >= d.anneeDebut) && (d.anneeFin === null || annee <= d.anneeFin);
}
