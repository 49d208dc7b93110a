/** The attendance date-time format, sent as dateFormat (dates: shared/dates.ts formatSlashDateTime). */
export const ATTENDANCE_DATE_FORMAT = 'dd/MM/yyyy HH:mm:ss';

/** `yyyy-MM-dd`, sent as dateFormat where People accepts a format (shared/dates.ts formatIsoDate). */
export const ISO_DATE_FORMAT = 'yyyy-MM-dd';
