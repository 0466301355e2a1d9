/**
 * A measure's heading as the document writes it, shared by the server (words in audit entries, exported
 * files) and the pages, so that both join a label to its title the same way.
 */

/** What stands between a label and its title: nothing after a closing mark (一、加快…, （一）发展…), else a space (1. 提速…). */
export const headingGap = (label: string): string => (!label || /[、）)】〕]$/.test(label) ? "" : " ");

/** A heading as written: its label, then its title. */
export function fmtHeading(label: string | null | undefined, title: string): string {
  return label ? `${label}${headingGap(label)}${title}` : title;
}
