/** An incident ID as the template writes it, INC-YYYY-SEQ; shared with the extension's input validation. */
export const INCIDENT_ID = /^INC-(\d{4})-(\d{1,6})$/;
