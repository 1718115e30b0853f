/**
 * Counting rules of `libs/domain/src/comptage` that lists and totals apply, in SQL, for today's
 * programme (`pvd_commune` holds the current membership; the indicators engine reads any day
 * through `pvd_communes_au`). Same rules as `beneficiaireDansLeProgramme` and `siegeEpci`.
 */

/**
 * Whether the beneficiary (`type`, `code`: SQL expressions) is in the programme today: a commune
 * that is a member, or an EPCI with at least one member commune.
 */
export function beneficiaireDansLeProgrammeSql(type: string, code: string): string {
  return `(CASE WHEN ${type} = 'commune' THEN EXISTS (SELECT 1 FROM pvd_commune dpc WHERE dpc.commune_insee = ${code})
                ELSE EXISTS (SELECT 1 FROM pvd_commune dpc JOIN commune dpcc ON dpcc.insee = dpc.commune_insee WHERE dpcc.epci_siren = ${code}) END)`;
}

/** Whether a commune (SQL expression of its INSEE code) is a member of the programme today. */
export function communeDansLeProgrammeSql(insee: string): string {
  return `EXISTS (SELECT 1 FROM pvd_commune dpc WHERE dpc.commune_insee = ${insee})`;
}

/**
 * The seat of an EPCI (SQL expression of its SIREN) as a lateral subquery with its
 * `departement_code` and `region_code`: its most populous commune, ties to the smaller INSEE code
 * (`siegeEpci`; the indicators' `epci_pvd` source uses the same order).
 */
export function siegeEpciLateralSql(siren: string): string {
  return `(SELECT sg.departement_code, sg.region_code FROM commune sg WHERE sg.epci_siren = ${siren} ORDER BY sg.population DESC NULLS LAST, sg.insee LIMIT 1)`;
}
