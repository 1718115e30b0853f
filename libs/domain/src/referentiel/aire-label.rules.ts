/**
 * A département as the screens name it: « Creuse (23) ». Its code alone while the name is not
 * known (the référentiel not loaded yet). The one way a département is written in the interface.
 */
export function formatDepartement(code: string, nom?: string | null): string {
  return nom ? `${nom} (${code})` : code;
}

/** A région as the screens name it: « Nouvelle-Aquitaine »; « Région 75 » while the name is not known. */
export function formatRegion(code: string, nom?: string | null): string {
  return nom || `Région ${code}`;
}
