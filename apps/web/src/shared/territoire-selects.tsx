import { fr } from '@codegouvfr/react-dsfr';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { formatDepartement, formatRegion } from '@suivi-pvd/domain';

interface Choice {
  code: string;
  nom: string;
  /** A département's région: with it, choosing a région narrows the départements offered. */
  regionCode?: string;
}

/**
 * Région and département filters, chosen by name, whose choices are the places where the user sees
 * records (the list's facets, from the référentiel); a value from the URL outside them stays shown,
 * so that the filter never lies. Choosing a région offers its départements only (when they say
 * their région) and drops a département chosen elsewhere.
 */
export function TerritoireSelects({
  region,
  departement,
  regions,
  departements,
  onChange,
  className,
}: {
  region: string;
  departement: string;
  regions: readonly Choice[] | undefined;
  departements: readonly Choice[] | undefined;
  onChange: (changes: { region?: string; departement?: string }) => void;
  className: string;
}) {
  const offered = region ? departements?.filter((d) => d.regionCode === undefined || d.regionCode === region) : departements;
  const chooseRegion = (code: string) => {
    const kept = !departement || !code || departements?.some((d) => d.code === departement && (d.regionCode === undefined || d.regionCode === code));
    onChange(kept ? { region: code } : { region: code, departement: '' });
  };
  return (
    <>
      <div className={className}>
        <Select className={fr.cx('fr-mb-0')} label="Région" nativeSelectProps={{ name: 'region', value: region, onChange: (e) => chooseRegion(e.currentTarget.value) }}>
          <option value="">Toutes les régions</option>
          {region && !regions?.some((r) => r.code === region) && <option value={region}>{formatRegion(region)}</option>}
          {regions?.map((r) => (
            <option key={r.code} value={r.code}>
              {formatRegion(r.code, r.nom)}
            </option>
          ))}
        </Select>
      </div>
      <div className={className}>
        <Select
          className={fr.cx('fr-mb-0')}
          label="Département"
          nativeSelectProps={{ name: 'departement', value: departement, onChange: (e) => onChange({ departement: e.currentTarget.value }) }}
        >
          <option value="">Tous les départements</option>
          {departement && !offered?.some((d) => d.code === departement) && <option value={departement}>{formatDepartement(departement)}</option>}
          {offered?.map((d) => (
            <option key={d.code} value={d.code}>
              {formatDepartement(d.code, d.nom)}
            </option>
          ))}
        </Select>
      </div>
    </>
  );
}
