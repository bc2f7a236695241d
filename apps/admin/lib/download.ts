/**
 * Files the merchant downloads from the admin, built in the browser: CSV (RFC 4180) from report rows,
 * JSON documents, and the Blob link that saves them.
 */

export type CsvCell = string | number | boolean | null | undefined;

/** One CSV field: quoted when it holds a comma, quote or line break; empty for null. */
function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: prefix text (not numbers) with '.
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A header row and data rows as CSV text (CRLF line ends, as RFC 4180 and spreadsheets expect). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Saves text as a file through a temporary Blob link (works inside the embedded iframe). */
export function downloadFile(fileName: string, content: string, type: string): void {
  const blob = new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(fileName: string, csv: string): void {
  downloadFile(fileName, csv, "text/csv;charset=utf-8");
}

export function downloadJson(fileName: string, document: unknown): void {
  downloadFile(fileName, `${JSON.stringify(document, null, 2)}\n`, "application/json");
}
