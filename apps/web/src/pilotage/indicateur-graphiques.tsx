import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { classeCarte, libellesClasses, VENTILATION_LABELS, type PorteeType, type Ventilation } from '@suivi-pvd/domain';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DefinitionIndicateur, ValeurIndicateur } from './data/pilotage.hooks';
import { formatValeur, jour, uniteMesure } from './pilotage-format';

// The web components (and the Vue runtime they bundle) come in their own chunk, on first use.
const Charts = {
  Carte: lazy(async () => ({ default: (await import('./dsfr-charts.lazy')).Carte })),
  Graphique: lazy(async () => ({ default: (await import('./dsfr-charts.lazy')).Graphique })),
};

type Representation = DefinitionIndicateur['representations'][number];
type Ligne = ValeurIndicateur['ventilations'][number]['lignes'][number];

/** One colour per class, light to dark (dsfr-chart's sequential palette, light theme). */
export function couleursClasses(n: number): string[] {
  const from = [0xdb, 0xda, 0xff];
  const to = [0x00, 0x00, 0x5f];
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 1 : i / (n - 1);
    return `#${from.map((a, k) => Math.round(a + (to[k] - a) * t).toString(16).padStart(2, '0')).join('')}`;
  });
}

export interface GraphiquesProps {
  valeur: ValeurIndicateur;
  definition: DefinitionIndicateur;
  portee: { type: PorteeType; code: string | null; libelle: string };
  /** The drill-down page for a breakdown key (a map area, a segment), or of the whole figure. */
  detailTo: (ventilation: Ventilation | null, cle: string) => string;
}

/** The charts and maps of one figure, each with its data as a table (RGAA). */
export function IndicateurGraphiques({ valeur, definition, portee, detailTo }: GraphiquesProps) {
  if (!valeur.disponible) return null;
  const blocks = definition.representations
    .map((r, i) => <Representation key={i} r={r} valeur={valeur} portee={portee} detailTo={detailTo} />)
    .filter((b) => b !== null);
  return <>{blocks}</>;
}

function lignesDe(valeur: ValeurIndicateur, par: string | undefined): Ligne[] | null {
  return valeur.ventilations.find((v) => v.par === par)?.lignes ?? null;
}

function Representation({ r, valeur, portee, detailTo }: { r: Representation; valeur: ValeurIndicateur; portee: GraphiquesProps['portee']; detailTo: GraphiquesProps['detailTo'] }) {
  if (r.kind === 'carte' && r.niveau) {
    const lignes = lignesDe(valeur, r.niveau);
    if (!lignes || lignes.length === 0) return null;
    return <CarteBlock r={r} lignes={lignes} valeur={valeur} portee={portee} detailTo={detailTo} />;
  }
  if ((r.kind === 'camembert' || r.kind === 'barres' || r.kind === 'series') && r.ventilation) {
    const lignes = lignesDe(valeur, r.ventilation);
    if (!lignes || lignes.length === 0) return null;
    return <GraphiqueBlock r={r} lignes={lignes} valeur={valeur} detailTo={detailTo} />;
  }
  return null;
}

function Figure({ titre, children, table }: { titre: string; children: ReactNode; table: React.JSX.Element }) {
  return (
    <figure className={fr.cx('fr-my-3w')} style={{ margin: 0 }}>
      <figcaption className={fr.cx('fr-text--bold', 'fr-mb-1w')}>{titre}</figcaption>
      <Suspense fallback={<p className={fr.cx('fr-text--sm')}>Chargement du graphique…</p>}>{children}</Suspense>
      <Accordion label="Voir les données en tableau" className={fr.cx('fr-mt-1w')}>
        {table}
      </Accordion>
    </figure>
  );
}

function DataTable({ caption, headers, rows }: { caption: string; headers: readonly string[]; rows: readonly { key: string; cells: readonly ReactNode[] }[] }) {
  return (
    <div className={fr.cx('fr-table', 'fr-table--sm', 'fr-table--no-caption', 'fr-mb-0')}>
      <div className={fr.cx('fr-table__wrapper')}>
        <div className={fr.cx('fr-table__container')}>
          <div className={fr.cx('fr-table__content')}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    {row.cells.map((c, i) => (i === 0 ? <th key={i} scope="row">{c}</th> : <td key={i}>{c}</td>))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

function CarteBlock({ r, lignes, valeur, portee, detailTo }: { r: Representation; lignes: Ligne[]; valeur: ValeurIndicateur; portee: GraphiquesProps['portee']; detailTo: GraphiquesProps['detailTo'] }) {
  const navigate = useNavigate();
  const niveau = r.niveau === 'region' ? 'region' : 'departement';
  const mesure = r.mesure ?? valeur.unite;
  const unite = uniteMesure(mesure);
  const enPart = unite === 'pourcentage';
  // A share the engine gives per area (`part`); a percentage map without it shows the counts.
  const avecParts = !enPart || lignes.some((l) => l.part !== undefined);
  const uniteAffichee = avecParts ? unite : valeur.unite;
  const mesureDe = (l: Ligne) => (enPart && avecParts ? (l.part ?? null) : l.valeur);
  const seuils = avecParts ? (r.seuils ?? []) : [];
  const couleurs = couleursClasses(seuils.length + 1);
  const labels = libellesClasses(seuils);
  const valeurs: Record<string, number> = {};
  const classes: Record<string, number> = {};
  for (const l of lignes) {
    const m = mesureDe(l);
    if (m === null) continue;
    valeurs[l.cle] = m;
    if (seuils.length > 0) classes[l.cle] = classeCarte(m, seuils);
  }
  // Maps at the nation's scope (by département or région) and a région's (its départements).
  const carte =
    portee.type === 'nation' ? { niveau: niveau === 'region' ? ('reg' as const) : ('dep' as const), region: undefined } : portee.type === 'region' && niveau === 'departement' ? { niveau: 'dep' as const, region: portee.code ?? undefined } : null;
  const titre = `${valeur.libelle} ${VENTILATION_LABELS[niveau]}${enPart && avecParts ? ' (en %)' : ''}`;
  const Carte = Charts.Carte;
  return (
    <Figure
      titre={titre}
      table={
        <DataTable
          caption={`${titre}, au ${jour(valeur.date)}`}
          headers={[niveau === 'region' ? 'Région' : 'Département', 'Valeur', ...(seuils.length > 0 ? ['Classe'] : [])]}
          rows={lignes.map((l) => {
            const m = mesureDe(l);
            return {
              key: l.cle,
              cells: [
                <Link key="l" to={detailTo(niveau, l.cle)}>
                  {l.libelle} ({l.cle})
                </Link>,
                formatValeur(m, uniteAffichee),
                ...(seuils.length > 0 && m !== null ? [labels[classeCarte(m, seuils)]] : seuils.length > 0 ? ['—'] : []),
              ],
            };
          })}
        />
      }
    >
      {carte && (
        <>
          <Carte
            niveau={carte.niveau}
            region={carte.region}
            nom={valeur.libelle}
            valeurTexte={formatValeur(valeur.valeur, valeur.unite)}
            dateTexte={jour(valeur.date)}
            valeurs={valeurs}
            classes={seuils.length > 0 ? classes : {}}
            couleurs={seuils.length > 0 ? couleurs : []}
            onZone={(code) => void navigate(detailTo(niveau, code))}
          />
          <Legende seuils={seuils} couleurs={couleurs} labels={labels} unite={uniteAffichee} />
        </>
      )}
    </Figure>
  );
}

const UNIT_LEGEND: Record<string, string> = { pourcentage: 'en %', euros: 'en €', communes: 'nombre de communes', logements: 'nombre de logements', equipements: 'nombre d’équipements' };

function Legende({ seuils, couleurs, labels, unite }: { seuils: readonly number[]; couleurs: readonly string[]; labels: readonly string[]; unite: string }) {
  if (seuils.length === 0) return <p className={fr.cx('fr-text--xs')}>Couleur : du plus clair (valeur la plus faible) au plus foncé (la plus forte) ; gris : sans donnée.</p>;
  return (
    <div className={fr.cx('fr-text--xs')}>
      <p className={fr.cx('fr-mb-1v', 'fr-text--bold')}>Légende ({UNIT_LEGEND[unite] ?? unite})</p>
      <ul style={{ listStyle: 'none', paddingInlineStart: 0, display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
        {labels.map((label, i) => (
          <li key={label} style={{ display: 'flex', alignItems: 'center', gap: '0.4rem' }}>
            <span aria-hidden="true" style={{ display: 'inline-block', width: '1rem', height: '1rem', background: couleurs[i], border: '1px solid #929292' }} />
            {label}
          </li>
        ))}
        <li style={{ display: 'flex', alignItems: 'center', gap: '0.4rem' }}>
          <span aria-hidden="true" style={{ display: 'inline-block', width: '1rem', height: '1rem', background: '#e5e5e5', border: '1px solid #929292' }} />
          sans donnée
        </li>
      </ul>
    </div>
  );
}

const UNIT_TOOLTIP: Record<string, string> = { euros: '€', pourcentage: '%' };

function GraphiqueBlock({ r, lignes, valeur, detailTo }: { r: Representation; lignes: Ligne[]; valeur: ValeurIndicateur; detailTo: GraphiquesProps['detailTo'] }) {
  const ventilation = r.ventilation as Ventilation;
  const cumul = r.kind === 'series' && r.cumul === true;
  const kind = r.kind === 'camembert' ? 'camembert' : r.kind === 'series' && !r.empilees ? 'ligne' : 'barres';
  const titre = `${valeur.libelle} ${VENTILATION_LABELS[ventilation]}${cumul ? ' (cumul)' : ''}`;
  const Graphique = Charts.Graphique;
  return (
    <Figure
      titre={titre}
      table={
        <DataTable
          caption={`${titre}, au ${jour(valeur.date)}`}
          headers={[VENTILATION_LABELS[ventilation].replace(/^par /, '').replace(/^./, (c) => c.toUpperCase()), 'Valeur', ...(cumul ? ['Cumul'] : [])]}
          rows={lignes.map((l) => ({
            key: l.cle,
            cells: [
              <Link key="l" to={detailTo(ventilation, l.cle)}>
                {l.libelle}
              </Link>,
              formatValeur(l.valeur, valeur.unite),
              ...(cumul ? [formatValeur(l.cumul ?? null, valeur.unite)] : []),
            ],
          }))}
        />
      }
    >
      {(
        <Graphique kind={kind} libelles={lignes.map((l) => l.libelle)} valeurs={lignes.map((l) => (cumul ? (l.cumul ?? l.valeur) : l.valeur))} nom={valeur.libelle} unite={UNIT_TOOLTIP[valeur.unite] ?? ''} />
      )}
    </Figure>
  );
}
