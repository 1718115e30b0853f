import { formatAttributValue, type AttributDefinition } from '@suivi-pvd/domain';
import { formatDate } from '@suivi-pvd/ui';

/** « depuis le 01/04/2023 », « du 01/04/2023 au 31/12/2024 », « jusqu’au … », or « Dates non renseignées ». */
export function periodeLabel(p: { dateDebut: string | null; dateFin: string | null }): string {
  const debut = formatDate(p.dateDebut);
  const fin = formatDate(p.dateFin);
  if (debut && fin) return `du ${debut} au ${fin}`;
  if (debut) return `depuis le ${debut}`;
  if (fin) return `jusqu’au ${fin}`;
  return 'Dates non renseignées';
}

/** The filled attributes, in the scheme's order: [label, formatted value]. */
export function attributsRenseignes(definitions: readonly AttributDefinition[], values: Record<string, unknown>): [string, string][] {
  return definitions.flatMap((d): [string, string][] => {
    const text = formatAttributValue(d, values[d.cle]);
    return text ? [[d.libelle, text]] : [];
  });
}
