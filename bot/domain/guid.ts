/** A GUID as Entra writes object, tenant and app ids: 8-4-4-4-12 hex digits, any case. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
