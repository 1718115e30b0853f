import { fr } from '@codegouvfr/react-dsfr';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { classeCarte, INDICATEURS, libellesClasses, STATUT_PUBLIC_CONVENTION_LABELS } from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { couleursClasses } from '../pilotage/indicateur-graphiques';
import { formatValeur, jour, uniteMesure } from '../pilotage/pilotage-format';
import { ChiffresPublics } from './chiffres-publics';
import { useProgrammePublic, usePvdDuDepartement, type IndicateurPublic } from './data/public.hooks';

const Carte = lazy(async () => ({ default: (await import('../pilotage/dsfr-charts.lazy')).Carte }));

export const PROGRAMME_TITLE = 'Le programme Petites villes de demain en chiffres';

/** How a figure is mapped: the catalogue's map (its measure and classes), else its value on a continuous scale. */
function mesureCarte(indicateur: IndicateurPublic) {
  const carte = INDICATEURS.find((i) => i.id === indicateur.id)?.representations.find((r) => r.kind === 'carte');
  const lignes = indicateur.departements ?? [];
  const enPart = carte?.kind === 'carte' && uniteMesure(carte.mesure) === 'pourcentage' && lignes.some((l) => l.part !== null);
  const seuils = carte?.kind === 'carte' && (enPart || uniteMesure(carte.mesure) !== 'pourcentage') ? carte.seuils : [];
  return { enPart, seuils, unite: enPart ? 'pourcentage' : indicateur.unite, mesure: (l: (typeof lignes)[number]) => (enPart ? l.part : l.valeur) };
}

/**
 * The national public page, without login: the figures the ANCT marked public, today, and a map by
 * département with its table (each row opens the list of the département's PVD).
 */
export function ProgrammeView() {
  useDocumentTitle(PROGRAMME_TITLE);
  const programme = useProgrammePublic();
  const [choisi, setChoisi] = useState<string | null>(null);
  const [departement, setDepartement] = useState<{ code: string; nom: string } | null>(null);

  if (programme.isPending) return <LoadingView label="Chargement des chiffres du programme…" />;
  if (programme.isError) return <QueryErrorAlert title="Les chiffres du programme n’ont pas pu être chargés" error={programme.error} onRetry={() => void programme.refetch()} />;
  const data = programme.data;
  const cartographiables = data.indicateurs.filter((i) => i.disponible && (i.departements?.length ?? 0) > 0);
  const indicateur = cartographiables.find((i) => i.id === choisi) ?? cartographiables[0];

  return (
    <>
      <h1 className={fr.cx('fr-mb-1w')}>{PROGRAMME_TITLE}</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-1w')}>
        Petites villes de demain accompagne les communes de moins de 20 000 habitants qui exercent des fonctions de centralité, pour
        revitaliser leur territoire. Le programme est piloté par l’Agence nationale de la cohésion des territoires (ANCT).
      </p>
      <p className={fr.cx('fr-mb-4w')}>
        Au {jour(data.date)} : <strong>{formatNumber(data.nombrePvd)} Petites villes de demain</strong> membres du programme. ·{' '}
        <Link className={fr.cx('fr-link')} to="/donnees">
          Données ouvertes (CSV, JSON)
        </Link>
      </p>

      <h2>Les chiffres clés</h2>
      {data.indicateurs.length === 0 ? <p>Aucun chiffre n’est publié pour le moment.</p> : <ChiffresPublics indicateurs={data.indicateurs} />}

      {indicateur && (
        <section aria-labelledby="carte-titre" className={fr.cx('fr-mt-4w')}>
          <h2 id="carte-titre">Par département</h2>
          {cartographiables.length > 1 && (
            <Select
              label="Chiffre affiché"
              className={fr.cx('fr-mb-3w')}
              nativeSelectProps={{ value: indicateur.id, onChange: (e) => setChoisi(e.target.value), style: { maxWidth: '32rem' } }}
            >
              {cartographiables.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.libelle}
                </option>
              ))}
            </Select>
          )}
          <CarteEtTableau indicateur={indicateur} date={data.date} onDepartement={setDepartement} />
        </section>
      )}
      {departement && <PvdDuDepartement departement={departement} />}
    </>
  );
}

function CarteEtTableau({ indicateur, date, onDepartement }: { indicateur: IndicateurPublic; date: string; onDepartement: (d: { code: string; nom: string }) => void }) {
  const lignes = indicateur.departements ?? [];
  const { enPart, seuils, unite, mesure } = mesureCarte(indicateur);
  const couleurs = couleursClasses(seuils.length + 1);
  const labels = libellesClasses(seuils);
  const valeurs: Record<string, number> = {};
  const classes: Record<string, number> = {};
  for (const l of lignes) {
    const m = mesure(l);
    if (m === null) continue;
    valeurs[l.code] = m;
    if (seuils.length > 0) classes[l.code] = classeCarte(m, seuils);
  }
  const titre = `${indicateur.libelle} par département${enPart ? ' (en %)' : ''}`;
  const choisir = (code: string) => {
    const l = lignes.find((x) => x.code === code);
    if (l) onDepartement({ code: l.code, nom: l.nom });
  };
  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
      <div className={fr.cx('fr-col-12', 'fr-col-lg-7')}>
        <figure style={{ margin: 0 }}>
          <figcaption className={fr.cx('fr-text--bold', 'fr-mb-1w')}>{titre}</figcaption>
          <Suspense fallback={<p className={fr.cx('fr-text--sm')}>Chargement de la carte…</p>}>
            <Carte
              niveau="dep"
              nom={indicateur.libelle}
              valeurTexte={formatValeur(indicateur.valeur, indicateur.unite)}
              dateTexte={jour(date)}
              valeurs={valeurs}
              classes={seuils.length > 0 ? classes : {}}
              couleurs={seuils.length > 0 ? couleurs : []}
              onZone={choisir}
            />
          </Suspense>
          {seuils.length > 0 && (
            <ul className={fr.cx('fr-text--xs')} aria-label="Légende" style={{ listStyle: 'none', paddingInlineStart: 0, display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
              {labels.map((label, i) => (
                <li key={label} style={{ display: 'flex', alignItems: 'center', gap: '0.4rem' }}>
                  <span aria-hidden="true" style={{ display: 'inline-block', width: '1rem', height: '1rem', background: couleurs[i], border: '1px solid #929292' }} />
                  {label}
                </li>
              ))}
            </ul>
          )}
        </figure>
      </div>
      <div className={fr.cx('fr-col-12', 'fr-col-lg-5')}>
        <div className={fr.cx('fr-table', 'fr-table--sm', 'fr-mb-0')}>
          <div className={fr.cx('fr-table__wrapper')}>
            <div className={fr.cx('fr-table__container')}>
              <div className={fr.cx('fr-table__content')} style={{ maxHeight: '32rem', overflowY: 'auto' }} tabIndex={0} role="region" aria-label={`${titre} : tableau`}>
                <table>
                  <caption>
                    {titre}, au {jour(date)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Département</th>
                      <th scope="col">Valeur</th>
                    </tr>
                  </thead>
                  <tbody>
                    {lignes.map((l) => (
                      <tr key={l.code}>
                        <th scope="row">
                          <button type="button" className={fr.cx('fr-link')} onClick={() => onDepartement({ code: l.code, nom: l.nom })} title={`Voir les Petites villes de demain de ${l.nom}`}>
                            {l.nom} ({l.code})
                          </button>
                        </th>
                        <td>{formatValeur(mesure(l), unite)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

function PvdDuDepartement({ departement }: { departement: { code: string; nom: string } }) {
  const pvd = usePvdDuDepartement(departement.code);
  const section = useRef<HTMLElement>(null);
  // The list opens below the table: focus goes to it (keyboard and screen reader users hear it).
  useEffect(() => section.current?.focus(), [departement.code]);
  return (
    <section aria-labelledby="pvd-departement-titre" className={fr.cx('fr-mt-4w')} tabIndex={-1} ref={section} style={{ outline: 'none' }}>
      <h2 id="pvd-departement-titre">
        Les Petites villes de demain de {departement.nom} ({departement.code})
      </h2>
      {pvd.isPending && <LoadingView />}
      {pvd.isError && <QueryErrorAlert title="La liste n’a pas pu être chargée" error={pvd.error} onRetry={() => void pvd.refetch()} />}
      {pvd.data &&
        (pvd.data.items.length === 0 ? (
          <p>Aucune Petite ville de demain dans ce département.</p>
        ) : (
          <ul className={fr.cx('fr-raw-list')} style={{ columns: '16rem' }}>
            {pvd.data.items.map((p) => (
              <li key={p.idPvd} className={fr.cx('fr-mb-1w')}>
                <Link to={`/programme/pvd/${encodeURIComponent(p.idPvd)}`}>{p.nom}</Link>{' '}
                <span className={fr.cx('fr-text--xs')}>· convention-cadre : {STATUT_PUBLIC_CONVENTION_LABELS[p.statutConventionCadre].toLowerCase()}</span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
