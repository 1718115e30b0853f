import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Card } from '@codegouvfr/react-dsfr/Card';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { CLASSES_POPULATION, CLASSE_POPULATION_LABELS, FICHE_THEMES, FICHE_THEME_LABELS } from '@suivi-pvd/domain';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { readers, useListParams, useUrlTextField } from '../shared/use-list-params';
import { usePublicFiches, type PublicFicheCarte } from './data/fiches.hooks';
import { ThemeTags } from './fiche-content';

const FILTERS = {
  q: readers.text(100),
  theme: readers.oneOf(FICHE_THEMES),
  region: readers.matching(/^\d{2}$/),
  population: readers.oneOf(CLASSES_POPULATION),
  // One PVD's sheets (the link of its public page).
  pvd: readers.text(40),
};

/**
 * The public projetothèque: published project sheets, searched by words, theme, région and class
 * of population (filters in the URL, so a search can be shared). Readable without an account.
 */
export function ProjetothequeSearchView() {
  const params = useListParams({ filters: FILTERS });
  const { q, theme, region, population, pvd } = params.filters;
  const page = params.page;
  const result = usePublicFiches({ q, theme, region, population, pvd, page });
  const field = useUrlTextField(q, (text) => params.setFilters({ q: text }, { replace: true }));
  const themeLabel = theme ? FICHE_THEME_LABELS[theme] : null;
  useDocumentTitle(`Projetothèque${themeLabel ? ` : ${themeLabel}` : ''}${page > 1 ? `, page ${page}` : ''}`);
  const data = result.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    field.commit();
  };

  return (
    <>
      <h1>Projetothèque</h1>
      <p className={fr.cx('fr-text--lead')}>
        Les projets des Petites villes de demain racontés par leurs équipes : ce qui a été fait, avec quels financements et quels résultats, et qui
        contacter pour en savoir plus.
      </p>
      <form role="search" aria-label="Rechercher un projet" onSubmit={handleSubmit} className={fr.cx('fr-mb-4w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Input
              className={fr.cx('fr-mb-0')}
              label="Mots-clés"
              hintText="Titre, résumé ou nom de la commune"
              nativeInputProps={{ type: 'search', name: 'q', maxLength: 100, value: field.text, onChange: (event) => field.setText(event.currentTarget.value) }}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Select
              className={fr.cx('fr-mb-0')}
              label="Thème"
              nativeSelectProps={{ name: 'theme', value: theme, onChange: (event) => params.setFilters({ theme: event.currentTarget.value as typeof theme }) }}
            >
              <option value="">Tous les thèmes</option>
              {FICHE_THEMES.map((t) => (
                <option key={t} value={t}>
                  {FICHE_THEME_LABELS[t]}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-5')}>
            <Select
              className={fr.cx('fr-mb-0')}
              label="Région"
              nativeSelectProps={{ name: 'region', value: region, onChange: (event) => params.setFilters({ region: event.currentTarget.value }) }}
            >
              <option value="">Toutes les régions</option>
              {(data?.regions ?? []).map((r) => (
                <option key={r.code} value={r.code}>
                  {r.nom}
                </option>
              ))}
              {region && !(data?.regions ?? []).some((r) => r.code === region) && <option value={region}>Région {region}</option>}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-5')}>
            <Select
              className={fr.cx('fr-mb-0')}
              label="Taille de la commune"
              nativeSelectProps={{ name: 'population', value: population, onChange: (event) => params.setFilters({ population: event.currentTarget.value as typeof population }) }}
            >
              <option value="">Toutes les tailles</option>
              {CLASSES_POPULATION.map((c) => (
                <option key={c} value={c}>
                  {CLASSE_POPULATION_LABELS[c]}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-2')}>
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher
            </Button>
          </div>
        </div>
        {params.filtered && (
          <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
            {pvd && <>Les fiches de {data?.items[0]?.pvd.nom ?? 'cette Petite ville de demain'} seulement. </>}
            <Link to={{ search: params.clearSearch }}>Effacer les filtres</Link>
          </p>
        )}
      </form>

      <section aria-labelledby="resultats-titre">
        <h2 id="resultats-titre" className={fr.cx('fr-h4')}>
          Projets
        </h2>
        {result.isError && <Alert severity="error" title="La recherche a échoué" description="Réessayez dans un instant." />}
        <p role="status" aria-live="polite">
          {result.isPending
            ? 'Recherche en cours…'
            : data
              ? data.total === 0
                ? params.filtered
                  ? 'Aucun projet publié ne correspond à ces critères.'
                  : 'Aucun projet n’est encore publié.'
                : `${data.total} projet${data.total > 1 ? 's' : ''} trouvé${data.total > 1 ? 's' : ''}${pageCount > 1 ? ` – page ${page} sur ${pageCount}` : ''}.`
              : ''}
        </p>
        {data && data.items.length > 0 && (
          <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
            {data.items.map((fiche) => (
              <li key={fiche.id} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
                <FicheCarte fiche={fiche} />
              </li>
            ))}
          </ul>
        )}
        {pageCount > 1 && (
          <Pagination className={fr.cx('fr-mt-4w')} count={pageCount} defaultPage={page} getPageLinkProps={(n) => ({ to: { search: params.pageSearch(n) } })} />
        )}
      </section>
    </>
  );
}

/** A published sheet as a card: its title linking to its page, its PVD, themes and first photo. */
export function FicheCarte({ fiche, titleAs = 'h3' }: { fiche: PublicFicheCarte; titleAs?: 'h3' | 'h4' }) {
  const common = {
    title: fiche.titre,
    titleAs,
    linkProps: { to: `/projetotheque/${fiche.id}` },
    enlargeLink: true,
    desc: fiche.extrait ?? undefined,
    detail: `${fiche.pvd.nom}${fiche.pvd.departement ? ` (${fiche.pvd.departement})` : ''}`,
    start: <ThemeTags themes={fiche.themes} small />,
  } as const;
  // The photo is decorative on a card (its alt text is on the sheet's page).
  return fiche.photo ? <Card {...common} imageUrl={fiche.photo.url} imageAlt="" /> : <Card {...common} />;
}
