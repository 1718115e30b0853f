import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { INDICATEUR_SECTION_LABELS, INDICATEUR_SECTIONS, programmeToday, type IndicateurSection } from '@suivi-pvd/domain';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { useDocumentTitle } from '../app/use-document-title';
import { useCatalogue, useTableau, type DefinitionIndicateur, type Tableau } from './data/pilotage.hooks';
import { useGenererRapport } from './data/rapports.hooks';
import { IndicateurCard, SOURCE_LABELS } from './indicateur-card';
import { IndicateurGraphiques } from './indicateur-graphiques';
import { detailPath, readVueTableau, tableauPath } from './pilotage.params';
import { jour } from './pilotage-format';
import './rapport.css';

const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « 1er janvier 2024 », as the published report writes its day. */
export function jourEnLettres(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MOIS[m - 1]} ${y}`;
}

/** The parts' introductions, after the published report. */
const INTRODUCTIONS: Record<IndicateurSection, string> = {
  programme:
    'Le programme Petites villes de demain a pour objectif d’améliorer la qualité de vie dans les petites communes exerçant des fonctions de centralité dans leur territoire et présentant des signes de fragilité, en les accompagnant à se doter d’une stratégie de revitalisation, à concevoir des projets à fort impact et à conduire des actions concertées avec les habitants.',
  ingenierie:
    'Pour donner aux collectivités les moyens de définir et mettre en œuvre leur projet de territoire : renforcement des équipes par le financement de postes de chef de projet, mobilisation des acteurs locaux de l’ingénierie, financement d’études et de missions d’expertise.',
  thematique:
    'Des financements sur des mesures thématiques ciblées, mobilisées en fonction du projet de territoire et des actions à mettre en place : requalification des centres-villes, amélioration de l’habitat, transition écologique, commerce, patrimoine, numérique, culture…',
  club: 'Le Club Petites villes de demain réunit les élus et les chefs de projet du programme pour partager leurs expériences, se former et s’inspirer mutuellement.',
};

/** Time left to dsfr-chart's animations once every chart is drawn, before the page says it is ready. */
const ANIMATIONS_MS = 1500;

/**
 * The « Point d'avancement », print-ready: a title page, then the four parts of the published
 * report, each figure with its value, shares, secondary figures, definition, charts and maps (the
 * dashboard's own components, from the same API) and the part's source note. `data-rapport-pret`
 * says when every figure and chart has rendered (the PDF renderer waits for it).
 */
export function RapportView() {
  const [searchParams] = useSearchParams();
  const vue = readVueTableau(searchParams);
  const date = vue.date || programmeToday();
  const p = { portee: vue.portee, code: vue.code, date };
  const catalogue = useCatalogue();
  const programme = useTableau('programme', p, '');
  const ingenierie = useTableau('ingenierie', p, '');
  const thematique = useTableau('thematique', p, '');
  const club = useTableau('club', p, '');
  const tableaux: Record<IndicateurSection, typeof programme> = { programme, ingenierie, thematique, club };
  const [pretes, setPretes] = useState<Record<string, boolean>>({});
  const [policesPretes, setPolicesPretes] = useState(false);
  const { data: me } = useMe();
  const navigate = useNavigate();
  const generer = useGenererRapport();

  const portee = programme.data?.portee;
  const libelle = portee?.libelle ?? '';
  useDocumentTitle(`Point d’avancement au ${jourEnLettres(date)}${libelle ? ` – ${libelle}` : ''}`);
  useEffect(() => {
    void document.fonts.ready.then(() => setPolicesPretes(true));
  }, []);

  const enErreur = INDICATEUR_SECTIONS.map((s) => tableaux[s]).find((q) => q.isError) ?? (catalogue.isError ? catalogue : null);
  const erreur = enErreur?.error ? (enErreur.error instanceof Error ? enErreur.error.message : 'Les indicateurs n’ont pas pu être chargés.') : null;
  const partiesPretes = INDICATEUR_SECTIONS.filter((s) => pretes[s]).length;
  const pret = !erreur && policesPretes && partiesPretes === INDICATEUR_SECTIONS.length;
  const peutGenerer = hasPermission(me, 'rapport:publier') && portee && portee.type !== 'epci' && portee.type !== 'pvd';

  const onGenerer = () => {
    if (!portee || (portee.type !== 'nation' && portee.type !== 'region' && portee.type !== 'departement')) return;
    generer.mutate({ portee: portee.type, code: portee.code ?? undefined, date }, { onSuccess: () => void navigate('/tableau-de-bord/rapports') });
  };

  return (
    <div className="rapport" data-rapport="" data-rapport-pret={pret ? 'true' : 'false'} data-rapport-parties-pretes={partiesPretes} {...(erreur ? { 'data-rapport-erreur': erreur } : {})}>
      <div className={`rapport-ecran ${fr.cx('fr-mb-4w')}`}>
        <p className={fr.cx('fr-mb-2w')}>
          <Link className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')} to={tableauPath({ section: 'programme', portee: vue.portee, code: vue.code, date: vue.date, comparaison: '' })}>
            Revenir au tableau de bord
          </Link>
        </p>
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
          <Button iconId="fr-icon-printer-line" priority="secondary" onClick={() => window.print()}>
            Imprimer
          </Button>
          {peutGenerer && (
            <Button iconId="fr-icon-file-pdf-line" onClick={onGenerer} disabled={generer.isPending || !portee}>
              {generer.isPending ? 'Demande en cours…' : 'Générer le PDF'}
            </Button>
          )}
          {hasPermission(me, 'indicateurs:lire') && (
            <Link className={fr.cx('fr-btn', 'fr-btn--tertiary')} to="/tableau-de-bord/rapports">
              Rapports générés
            </Link>
          )}
        </div>
        {generer.isError && <Alert severity="error" small description={generer.error instanceof Error ? generer.error.message : 'La demande a échoué.'} className={fr.cx('fr-mt-2w')} />}
        {!pret && !erreur && (
          <p className={fr.cx('fr-text--sm', 'fr-mt-2w')} role="status">
            Préparation du rapport… ({partiesPretes} parties sur 4)
          </p>
        )}
      </div>

      {erreur ? (
        <Alert severity="error" title="Le rapport n’a pas pu être préparé" description={erreur} />
      ) : (
        <>
          <section className="rapport-couverture" aria-labelledby="rapport-titre">
            <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>Programme Petites villes de demain</p>
            <h1 id="rapport-titre" className="rapport-titre">
              Le point d’avancement
              <span className="rapport-titre-date">au {jourEnLettres(date)}</span>
            </h1>
            <p className={fr.cx('fr-text--lead', 'fr-mb-4w')}>{libelle}</p>
            <ol className="rapport-sommaire">
              {INDICATEUR_SECTIONS.map((s, i) => (
                <li key={s}>
                  <span className="rapport-sommaire-numero">{i + 1}</span> {INDICATEUR_SECTION_LABELS[s]}
                </li>
              ))}
            </ol>
            <p className={fr.cx('fr-text--xs', 'fr-mt-4w')}>
              Informations : les chiffres de ce Point d’avancement sont calculés à partir des données de la plateforme Suivi PVD au {jourEnLettres(date)}, selon les règles de
              comptage du programme (communes membres à cette date, crédits engagés à cette date). Chaque chiffre indique sa source et la date de ses données.
            </p>
            <p className={fr.cx('fr-text--xs')}>Agence nationale de la cohésion des territoires (ANCT) – document produit le {jour(programmeToday())}.</p>
          </section>
          {INDICATEUR_SECTIONS.map((s) => (
            <Partie key={s} section={s} tableau={tableaux[s].data} catalogue={catalogue.data?.items} onPrete={(ok) => setPretes((prev) => (prev[s] === ok ? prev : { ...prev, [s]: ok }))} />
          ))}
        </>
      )}
    </div>
  );
}

/** Whether every chart and map of the element has drawn (no chart still loading, every web component painted). */
function graphiquesDessines(root: HTMLElement): boolean {
  if ([...root.querySelectorAll('p')].some((el) => el.textContent === 'Chargement du graphique…')) return false;
  const charts = root.querySelectorAll('bar-chart, line-chart, pie-chart');
  for (const c of charts) if (!c.querySelector('canvas')) return false;
  const maps = root.querySelectorAll('map-chart, map-chart-reg');
  for (const m of maps) if (!m.querySelector('svg path')) return false;
  return true;
}

function Partie({
  section,
  tableau,
  catalogue,
  onPrete,
}: {
  section: IndicateurSection;
  tableau: Tableau | undefined;
  catalogue: DefinitionIndicateur[] | undefined;
  onPrete: (ok: boolean) => void;
}) {
  const ref = useRef<HTMLElement>(null);
  const onPreteRef = useRef(onPrete);
  onPreteRef.current = onPrete;

  useEffect(() => {
    if (!tableau || !catalogue) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      if (ref.current && graphiquesDessines(ref.current)) {
        timer = setTimeout(() => onPreteRef.current(true), ANIMATIONS_MS);
        return;
      }
      timer = setTimeout(check, 200);
    };
    check();
    return () => clearTimeout(timer);
  }, [tableau, catalogue]);

  const titre = INDICATEUR_SECTION_LABELS[section];
  if (!tableau || !catalogue) {
    return (
      <section className="rapport-partie" aria-label={titre}>
        <h2>{titre}</h2>
        <p className={fr.cx('fr-text--sm')}>Calcul des indicateurs…</p>
      </section>
    );
  }
  const portee = tableau.portee;
  const scope = { portee: portee.type, code: portee.code ?? '', date: tableau.date, comparaison: '' };
  const sources = [...new Set(tableau.indicateurs.flatMap((v) => (v.sources.length > 0 ? v.sources : (catalogue.find((d) => d.id === v.id)?.sources ?? []).map((x) => SOURCE_LABELS[x] ?? x))))];
  const datesDonnees = [...new Set(tableau.indicateurs.filter((v) => v.disponible).map((v) => v.dateDonnees ?? v.date))].sort();
  return (
    <section ref={ref} className="rapport-partie" aria-labelledby={`rapport-${section}`} data-rapport-partie={section}>
      <h2 id={`rapport-${section}`} className="rapport-partie-titre">
        {titre}
      </h2>
      <p className={fr.cx('fr-mb-3w')}>{INTRODUCTIONS[section]}</p>
      {tableau.indicateurs.map((v) => {
        const def = catalogue.find((d) => d.id === v.id);
        const avecGraphiques = def && v.disponible && v.ventilations.some((x) => x.lignes.length > 0);
        return (
          <div key={v.id} className="rapport-indicateur">
            <div className="rapport-carte">
              <IndicateurCard valeur={v} definition={def} detailTo={null} estNational={portee.type === 'nation'} impression />
            </div>
            {avecGraphiques && (
              <div className="rapport-graphiques">
                <IndicateurGraphiques valeur={v} definition={def} portee={portee} detailTo={(ventilation, cle) => detailPath({ id: v.id, ...scope, ventilation, cle })} />
              </div>
            )}
          </div>
        );
      })}
      <p className={`rapport-source ${fr.cx('fr-text--xs')}`}>
        Source : {sources.join(' ; ') || '—'} – données au {datesDonnees.length > 0 ? datesDonnees.map((d) => jour(d)).join(', ') : jour(tableau.date)}.
      </p>
    </section>
  );
}
