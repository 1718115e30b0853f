/**
 * SLOT « Fiches-projets » of a PVD's public page (issue 19: the projetothèque's published fiches).
 * The lead fills it after merging the projetothèque: list the PVD's *published* fiches only (from
 * the public fiches API, filtered by this PVD), each linking to /projetotheque/:id, under an
 * <h2>Fiches-projets</h2>. Until then it shows nothing, so that no unpublished fiche can appear.
 */
export function FichesProjetsSection(_props: { pvdId: string; idPvd: string; nom: string }) {
  return null;
}
