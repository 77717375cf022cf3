// Wording of dates, times, durations and numbers by the browser's Intl APIs, for the chosen
// language and time zone. sitrep decides what to say (which unit, which parts); Intl says it.
// Formatters are costly to create, so each is made once.

const formatters = new Map();
function cached(key, make) {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

const STYLES = {
  time: { hour: '2-digit', minute: '2-digit' },
  'day-time': { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  'year-time': { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  full: { dateStyle: 'full', timeStyle: 'long' },
  'full-minute': { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
  day: { dateStyle: 'full' },
};

function dateTimeFormat(lang, style, zone) {
  return cached(`dt|${lang}|${style}|${zone}`, () => {
    const options = { ...STYLES[style] };
    if (zone) options.timeZone = zone;
    return new Intl.DateTimeFormat(lang, options);
  });
}

/// `zone` is an IANA name, "UTC", or "" for the browser's own zone.
export function format_date_time(ms, lang, zone, style) {
  return dateTimeFormat(lang, style, zone).format(ms);
}

export function format_relative(value, unit, lang) {
  return cached(`rt|${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })).format(value, unit);
}

export function format_duration(days, hours, minutes, lang) {
  const parts = {};
  if (days) parts.days = days;
  if (hours) parts.hours = hours;
  if (minutes || (!days && !hours)) parts.minutes = minutes;
  if (typeof Intl.DurationFormat === 'function') {
    return cached(`du|${lang}`, () => new Intl.DurationFormat(lang, { style: 'short' })).format(parts);
  }
  // Older browsers: one unit-formatted number per part, joined as a list.
  const words = Object.entries(parts).map(([unit, n]) =>
    cached(`nu|${lang}|${unit}`, () => new Intl.NumberFormat(lang, { style: 'unit', unit: unit.slice(0, -1), unitDisplay: 'short' })).format(n));
  return cached(`li|${lang}`, () => new Intl.ListFormat(lang, { style: 'narrow', type: 'unit' })).format(words);
}

export function plural_category(n, lang) {
  return cached(`pl|${lang}`, () => new Intl.PluralRules(lang)).select(n);
}

export function format_number(n, lang) {
  return cached(`nf|${lang}`, () => new Intl.NumberFormat(lang)).format(n);
}

// A share (0.9995) as a percentage with up to two decimals: "99.95%", "99,95 %".
export function format_percent(share, lang) {
  return cached(`pc|${lang}`, () => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 })).format(share);
}

/// The zone's offset at that instant, as "GMT+09:00" (parsed by sitrep).
export function zone_offset(ms, zone) {
  const parts = cached(`off|${zone}`, () => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })).formatToParts(ms);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
}

/// The browser's own zone's offset at that instant, in minutes east of UTC: one call, where
/// js_sys's Date would cost two and an object handle (the overview asks hundreds of times).
export function local_offset(ms) {
  return -new Date(ms).getTimezoneOffset();
}

// Read while this module loads, when on a slow network the page is only waiting for the wasm:
// Intl's first use starts ICU (20-60 ms), which would otherwise fall on the way to the first
// paint.
const LOCAL_ZONE = new Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';

export function local_zone_name() {
  return LOCAL_ZONE;
}

/// Every IANA zone the browser knows, one per line (asked for after the first paint).
export function zone_names() {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone').join('\n') : '';
}

export function is_valid_zone(zone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
