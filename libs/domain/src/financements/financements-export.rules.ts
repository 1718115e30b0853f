/**
 * The national list of financing lines as a file: the general export rules (kept importable from
 * here, where they were born).
 */
export { CSV_SEPARATOR, CSV_BOM, centsToDecimalComma, csvCell, csvLine, spreadsheetText } from '../export/export.rules';
