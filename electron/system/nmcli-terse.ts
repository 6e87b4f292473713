// NetworkManager's terse output (`nmcli -t`), shared by every adapter that reads nmcli (DNS servers, the DNS
// switch, Wi-Fi). Fields are separated by ':'; a ':' or '\' inside a value is escaped with a backslash, so an
// IPv6 address reads `fd00\:\:1` and an SSID `Cafe\:Guest`. Field names are never translated.

/** Splits one terse line on unescaped ':' and unescapes '\:' and '\\'. */
export function splitTerse(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (char === '\\' && i + 1 < line.length) {
      i += 1;
      current += line[i]!;
    } else if (char === ':') {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  fields.push(current);
  return fields;
}

/**
 * One `FIELD:value` line of `nmcli -t -f … show` (multi-mode output): the field name and its whole unescaped
 * value, colons included. Null for a line without a field name.
 */
export function terseField(line: string): { field: string; value: string } | null {
  const [field, ...rest] = splitTerse(line);
  if (!field || rest.length === 0) return null;
  return { field, value: rest.join(':') };
}
