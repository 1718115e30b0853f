import { fr } from '@codegouvfr/react-dsfr';
import { Select } from '@codegouvfr/react-dsfr/Select';

interface Choice {
  code: string;
  nom: string;
}

/**
 * Région and département filters whose choices are the places where the user sees records (the
 * list's facets); a value from the URL outside them stays shown, so that the filter never lies.
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
  return (
    <>
      <div className={className}>
        <Select className={fr.cx('fr-mb-0')} label="Région" nativeSelectProps={{ name: 'region', value: region, onChange: (e) => onChange({ region: e.currentTarget.value }) }}>
          <option value="">Toutes les régions</option>
          {region && !regions?.some((r) => r.code === region) && <option value={region}>{region}</option>}
          {regions?.map((r) => (
            <option key={r.code} value={r.code}>
              {r.nom}
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
          {departement && !departements?.some((d) => d.code === departement) && <option value={departement}>{departement}</option>}
          {departements?.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code} – {d.nom}
            </option>
          ))}
        </Select>
      </div>
    </>
  );
}
