import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { isApiError } from '@suivi-pvd/api-client';
import { INDICATEUR_SECTION_LABELS, INDICATEUR_SECTIONS, type IndicateurId } from '@suivi-pvd/domain';
import { formatDateTime } from '@suivi-pvd/ui';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useIndicateursPublics, useModifierIndicateursPublics, type IndicateursPublics } from './data/public.hooks';

export const CHIFFRES_PUBLICS_SECTION_ID = 'chiffres-publics';

/** « Chiffres publics »: the ANCT chooses the indicators the public pages show (national page, each PVD's page). */
export function ChiffresPublicsSection() {
  const choix = useIndicateursPublics();
  // Outside the form, which starts again from each saved version.
  const [enregistre, setEnregistre] = useState(false);
  const titleId = `${CHIFFRES_PUBLICS_SECTION_ID}-titre`;
  return (
    <section
      id={CHIFFRES_PUBLICS_SECTION_ID}
      aria-labelledby={titleId}
      className={fr.cx('fr-p-3w', 'fr-mb-4w')}
      style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}
    >
      <h2 id={titleId} className={fr.cx('fr-h4', 'fr-mb-1w')}>
        Chiffres publics
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Les indicateurs cochés sont publiés sans connexion : leur valeur nationale et par département sur la page{' '}
        <Link to="/programme">Le programme en chiffres</Link>, et leur valeur pour chaque PVD sur sa page publique. Les autres restent réservés aux
        utilisateurs connectés.
      </p>
      {choix.isPending && <LoadingView />}
      {choix.isError && <QueryErrorAlert title="Les chiffres publics n’ont pas pu être chargés" error={choix.error} onRetry={() => void choix.refetch()} />}
      {choix.data && (
        <ChiffresPublicsForm key={choix.data.version} data={choix.data} onReload={() => void choix.refetch()} enregistre={enregistre} setEnregistre={setEnregistre} />
      )}
    </section>
  );
}

interface FormProps {
  data: IndicateursPublics;
  onReload: () => void;
  enregistre: boolean;
  setEnregistre: (value: boolean) => void;
}

function ChiffresPublicsForm({ data, onReload, enregistre, setEnregistre }: FormProps) {
  const [coches, setCoches] = useState<Set<IndicateurId>>(() => new Set(data.items.filter((i) => i.public).map((i) => i.id)));
  const modifier = useModifierIndicateursPublics();
  const messageRef = useRef<HTMLDivElement>(null);
  // After a save the form starts again (new version): the message takes the focus.
  useEffect(() => {
    if (enregistre) messageRef.current?.focus();
  }, [enregistre]);
  const conflict = isApiError(modifier.error) && modifier.error.statusCode === 409;
  const changed = data.items.some((i) => i.public !== coches.has(i.id));

  const toggle = (id: IndicateurId, on: boolean) => {
    setEnregistre(false);
    setCoches((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        modifier.mutate(
          { indicateurs: [...coches], version: data.version },
          { onSuccess: () => setEnregistre(true), onError: () => requestAnimationFrame(() => messageRef.current?.focus()) },
        );
      }}
    >
      {INDICATEUR_SECTIONS.map((section) => (
        <Checkbox
          key={section}
          legend={INDICATEUR_SECTION_LABELS[section]}
          small
          disabled={!data.peutModifier}
          options={data.items
            .filter((i) => i.section === section)
            .map((i) => ({
              label: `${i.id} – ${i.libelle}${i.disponible ? '' : ' (pas encore de données)'}`,
              nativeInputProps: { name: `public-${i.id}`, checked: coches.has(i.id), onChange: (e) => toggle(i.id, e.target.checked) },
            }))}
        />
      ))}
      <div ref={messageRef} tabIndex={-1} style={{ outline: 'none' }}>
        {conflict ? (
          <Alert
            severity="warning"
            small
            className={fr.cx('fr-mb-2w')}
            description={
              <>
                La liste a été modifiée entre-temps.{' '}
                <button type="button" className={fr.cx('fr-link')} onClick={onReload}>
                  Recharger la dernière version
                </button>
              </>
            }
          />
        ) : modifier.error ? (
          <QueryErrorAlert title="La liste n’a pas pu être enregistrée" error={modifier.error} spacing="fr-mb-3w" />
        ) : enregistre ? (
          <Alert severity="success" small className={fr.cx('fr-mb-2w')} description="Chiffres publics enregistrés." />
        ) : null}
      </div>
      <p className={fr.cx('fr-text--xs')}>Dernière modification : {formatDateTime(data.modifieLe)}.</p>
      {data.peutModifier && (
        <Button type="submit" disabled={modifier.isPending || !changed}>
          Enregistrer les chiffres publics
        </Button>
      )}
    </form>
  );
}
