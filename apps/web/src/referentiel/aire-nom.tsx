import { useAireLabels } from './data/aires.hooks';

/** A département known by code, as the screens name it: « Creuse (23) ». */
export function DepartementNom({ code }: { code: string }) {
  return <>{useAireLabels().departement(code)}</>;
}

/** A région known by code, by its name: « Nouvelle-Aquitaine ». */
export function RegionNom({ code }: { code: string }) {
  return <>{useAireLabels().region(code)}</>;
}
