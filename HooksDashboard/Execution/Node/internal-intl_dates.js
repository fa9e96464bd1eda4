// Intl.DateTimeFormat and Date.prototype.toLocale{,Date,Time}String as V8 makes them: the options become an ICU
// skeleton (year: 'numeric', month: 'short' → 'yMMM'), ICU picks the locale's best pattern for it (binding.bestPattern)
// or its pattern for a date and time style (binding.stylePattern), and ICU formats the date with that pattern in the
// time zone (binding.format); ranges go through ICU's interval format (binding.formatRangeToParts). The engine's own
// constructor still checks the options and resolves the locale, calendar, numbering system and time zone, so its
// errors read as before.
(function (require, binding) {
  'use strict';

  const { defineFormatter, shapeCache, baseSubtags, unicodeKeyword } = require('internal/intl_formatter');
  const Native = binding.DateTimeFormat;
  const nativeResolvedOptions = Native.prototype.resolvedOptions;

  const STYLES = { full: 0, long: 1, medium: 2, short: 3 };
  const HOUR_LETTER = { h11: 'K', h12: 'h', h23: 'H', h24: 'k' };
  const CYCLE_OF = { K: 'h11', h: 'h12', H: 'h23', k: 'h24' };

  const SKELETON = {
    weekday: { narrow: 'EEEEE', short: 'EEE', long: 'EEEE' },
    era: { narrow: 'GGGGG', short: 'G', long: 'GGGG' },
    year: { '2-digit': 'yy', numeric: 'y' },
    month: { '2-digit': 'MM', numeric: 'M', narrow: 'MMMMM', short: 'MMM', long: 'MMMM' },
    day: { '2-digit': 'dd', numeric: 'd' },
    dayPeriod: { narrow: 'BBBBB', short: 'B', long: 'BBBB' },
    minute: { '2-digit': 'mm', numeric: 'm' },
    second: { '2-digit': 'ss', numeric: 's' },
    timeZoneName: { short: 'z', long: 'zzzz', shortOffset: 'O', longOffset: 'OOOO', shortGeneric: 'v', longGeneric: 'vvvv' },
  };

  // ICU's UDateFormatField numbers → formatToParts' types (as V8 names them).
  const PART_TYPES = ['era', 'year', 'month', 'day', 'hour', 'hour', 'minute', 'second', 'fractionalSecond', 'weekday',
    'unknown', 'unknown', 'unknown', 'unknown', 'dayPeriod', 'hour', 'hour', 'timeZoneName', 'year', 'weekday', 'year',
    'unknown', 'unknown', 'timeZoneName', 'timeZoneName', 'weekday', 'month', 'unknown', 'unknown', 'timeZoneName',
    'yearName', 'timeZoneName', 'timeZoneName', 'timeZoneName', 'relatedYear', 'dayPeriod', 'dayPeriod'];

  // V8's: the pattern's hour letters become the asked clock's (outside quotes); an hour right after the day gets a space.
  function withHourCycle(pattern, cycle) {
    if (cycle === undefined) return pattern;
    const letter = HOUR_LETTER[cycle];
    let out = '';
    let quoted = false;
    let last = '';
    for (const c of pattern) {
      if (c === "'") {
        quoted = !quoted;
        out += c;
      } else if (!quoted && (c === 'h' || c === 'H' || c === 'k' || c === 'K')) {
        if (last === 'd') out += ' ';
        out += letter;
      } else {
        out += c;
      }

      last = c;
    }

    return out;
  }

  // (No regular expressions on these paths: a fresh engine would compile each one again.)
  function unquoted(pattern) {
    let out = '';
    let quoted = false;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "'") quoted = !quoted;
      else if (!quoted) out += c;
    }

    return out;
  }

  function cycleOfPattern(pattern) {
    const letters = unquoted(pattern);
    for (let i = 0; i < letters.length; i++) {
      const cycle = CYCLE_OF[letters[i]];
      if (cycle !== undefined) return cycle;
    }

    return undefined;
  }

  // The clock asked for: hour12 (the locale's own 12- or 24-hour clock, as V8 picks it), else hourCycle, else the
  // locale's -u-hc- extension; undefined for the locale's default.
  function hourCycleOf(snapshot, locale, localeId) {
    if (snapshot.hour12 !== undefined) {
      // ECMA-402 as V8 11.3 implements it: from the locale's default cycle (ICU's 'j'), hour12 true gives h11 where
      // the default is h11 or h23 (en-GB, de, ja) and h12 elsewhere; false gives h23 there and h24 elsewhere — so
      // en-US with hour12: false shows midnight as 24:30 in Node 20.
      const own = cycleOfPattern(binding.bestPattern(localeId, 'j'));
      const zeroBased = own === 'h11' || own === 'h23';
      return snapshot.hour12 ? (zeroBased ? 'h11' : 'h12') : (zeroBased ? 'h23' : 'h24');
    }

    if (snapshot.hourCycle !== undefined) return String(snapshot.hourCycle);
    const extension = unicodeKeyword(locale, 'hc');
    return HOUR_LETTER[extension] === undefined ? undefined : extension;
  }

  // The resolved locale without its extensions, then the resolved calendar, and the numbering system when one was
  // asked for (else ICU's default for the locale: ar-EG's Arabic-Indic digits, Chinese days in the Chinese calendar).
  function languageTag(resolved, asked) {
    return baseSubtags(resolved.locale).join('-') + '-u-ca-' + resolved.calendar + (asked ? '-nu-' + resolved.numberingSystem : '');
  }

  function askedNumberingSystem(snapshot, locale) {
    return snapshot.numberingSystem !== undefined || unicodeKeyword(locale, 'nu') !== undefined;
  }

  function create(locales, snapshot) {
    // Hooks run in UTC whatever the host's zone (EngineProfiles' Date): Jint's Intl would default to the host's.
    // A zone is resolved by ICU, as V8 does (its canonical ID, any case; the shipped tz database knows zones Jint's
    // list lacks), and Jint's constructor is given UTC.
    let timeZone = 'UTC';
    if (snapshot.timeZone !== undefined) {
      timeZone = binding.canonicalTimeZone(String(snapshot.timeZone));
      if (timeZone === undefined) throw new RangeError('Invalid time zone specified: ' + String(snapshot.timeZone));
    }

    const inner = new Native(locales, Object.assign({}, snapshot, { timeZone: 'UTC' }));
    const resolved = nativeResolvedOptions.call(inner);
    resolved.timeZone = timeZone;
    const askedNumbers = askedNumberingSystem(snapshot, resolved.locale);
    const tag = languageTag(resolved, askedNumbers);
    const localeId = binding.localeId(tag);
    if (!askedNumbers) resolved.numberingSystem = binding.numberingSystem(localeId);
    const cycle = hourCycleOf(snapshot, resolved.locale, localeId);
    let pattern;
    if (snapshot.dateStyle !== undefined || snapshot.timeStyle !== undefined) {
      const dateStyle = snapshot.dateStyle === undefined ? -1 : STYLES[snapshot.dateStyle];
      const timeStyle = snapshot.timeStyle === undefined ? -1 : STYLES[snapshot.timeStyle];
      pattern = binding.stylePattern(localeId, dateStyle, timeStyle);
      if (timeStyle >= 0 && cycle !== undefined && cycle !== cycleOfPattern(pattern)) {
        // As V8: the style's skeleton with the asked clock's hour (and no day period), its best pattern.
        let skeleton = '';
        for (const c of binding.skeleton(pattern)) {
          if (c !== 'a' && c !== 'b' && c !== 'B') skeleton += CYCLE_OF[c] === undefined ? c : HOUR_LETTER[cycle];
        }

        pattern = withHourCycle(binding.bestPattern(localeId, skeleton), cycle);
      }
    } else {
      let skeleton = '';
      for (const name of ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod']) {
        if (snapshot[name] !== undefined) skeleton += SKELETON[name][snapshot[name]];
      }

      if (snapshot.hour !== undefined) {
        // With a day period, the locale's own hour letter rather than 'j': ICU 72 expands 'j' with its 'a' (2 PM) where
        // V8's newer ICU keeps the asked 'B' (2 in the afternoon).
        const letter = cycle !== undefined ? HOUR_LETTER[cycle]
          : snapshot.dayPeriod !== undefined ? HOUR_LETTER[cycleOfPattern(binding.bestPattern(localeId, 'j'))] || 'j' : 'j';
        skeleton += snapshot.hour === '2-digit' ? letter + letter : letter;
      }

      for (const name of ['minute', 'second']) {
        if (snapshot[name] !== undefined) skeleton += SKELETON[name][snapshot[name]];
      }

      if (snapshot.fractionalSecondDigits !== undefined) skeleton += 'S'.repeat(Number(snapshot.fractionalSecondDigits));
      if (snapshot.timeZoneName !== undefined) skeleton += SKELETON.timeZoneName[snapshot.timeZoneName];
      pattern = withHourCycle(binding.bestPattern(localeId, skeleton), cycle);
    }

    return {
      languageTag: tag,
      localeId,
      pattern,
      timeZone: resolved.timeZone,
      resolved: resolvedFrom(resolved, pattern, snapshot),
      range: undefined,
    };
  }

  // A formatter's shape depends only on the locales and the options read (binding.readOptions: ECMA-402's reads,
  // defaults included), so it is made once per engine for each string locale and options of plain values.
  const shapeFor = shapeCache(create);

  // What V8's resolvedOptions() says: the fields as the pattern shows them.
  function resolvedFrom(resolved, pattern, snapshot) {
    const fields = {};
    const letters = unquoted(pattern);
    for (let i = 0; i < letters.length;) {
      const letter = letters[i];
      let n = 1;
      while (letters[i + n] === letter) n++;
      i += n;
      switch (letter) {
        case 'G': fields.era = n === 4 ? 'long' : n === 5 ? 'narrow' : 'short'; break;
        case 'y': fields.year = n === 2 ? '2-digit' : 'numeric'; break;
        case 'M': case 'L': fields.month = ['numeric', '2-digit', 'short', 'long', 'narrow'][Math.min(n, 5) - 1]; break;
        case 'd': fields.day = n === 2 ? '2-digit' : 'numeric'; break;
        case 'E': case 'c': case 'e': if (n >= 3 || letter === 'E') fields.weekday = n === 4 ? 'long' : n === 5 ? 'narrow' : 'short'; break;
        case 'B': case 'b': if (snapshot.dayPeriod !== undefined) fields.dayPeriod = n === 4 ? 'long' : n === 5 ? 'narrow' : 'short'; break;
        case 'h': case 'H': case 'k': case 'K': fields.hour = n === 2 ? '2-digit' : 'numeric'; fields.hourCycle = CYCLE_OF[letter]; break;
        case 'm': fields.minute = n === 2 ? '2-digit' : 'numeric'; break;
        case 's': fields.second = n === 2 ? '2-digit' : 'numeric'; break;
        case 'S': fields.fractionalSecondDigits = n; break;
        case 'z': fields.timeZoneName = n === 4 ? 'long' : 'short'; break;
        case 'O': fields.timeZoneName = n === 4 ? 'longOffset' : 'shortOffset'; break;
        case 'v': fields.timeZoneName = n === 4 ? 'longGeneric' : 'shortGeneric'; break;
        default: break;
      }
    }

    const out = {
      locale: resolved.locale,
      calendar: resolved.calendar,
      numberingSystem: resolved.numberingSystem,
      timeZone: resolved.timeZone,
    };
    if (fields.hourCycle !== undefined) {
      out.hourCycle = fields.hourCycle;
      out.hour12 = fields.hourCycle === 'h11' || fields.hourCycle === 'h12';
    }

    if (snapshot.dateStyle !== undefined || snapshot.timeStyle !== undefined) {
      if (snapshot.dateStyle !== undefined) out.dateStyle = String(snapshot.dateStyle);
      if (snapshot.timeStyle !== undefined) out.timeStyle = String(snapshot.timeStyle);
      return out;
    }

    for (const name of ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName']) {
      if (fields[name] !== undefined) out[name] = fields[name];
    }

    return out;
  }

  function timeOf(date) {
    const time = date === undefined ? Date.now() : Number(date);
    if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) {
      throw new RangeError('Invalid time value');
    }

    return Math.trunc(time) + 0;
  }

  // (binding.format prints a plain space where ICU's time patterns have a narrow no-break space, before "PM", as
  // V8's format() does; formatToParts keeps it.)
  function formatTime(shape, time) {
    return binding.format(shape.localeId, shape.pattern, shape.timeZone, time);
  }

  // ICU's interval format for the formatter's own fields (its pattern's skeleton) and clock, as V8 makes it.
  function rangeParts(shape, startDate, endDate) {
    if (startDate === undefined || endDate === undefined) {
      throw new TypeError('Invalid time value');
    }

    const start = timeOf(startDate);
    const end = timeOf(endDate);
    if (shape.range === undefined) {
      const cycle = cycleOfPattern(shape.pattern);
      shape.range = {
        localeId: cycle === undefined ? shape.localeId : binding.localeId(shape.languageTag + '-hc-' + cycle),
        skeleton: binding.skeleton(shape.pattern),
      };
    }

    const flat = binding.formatRangeToParts(shape.range.localeId, shape.range.skeleton, shape.timeZone, start, end);
    const fields = [];
    const spans = [];
    for (let i = 1; i < flat.length; i += 4) {
      if (flat[i] === 1) fields.push([flat[i + 1], flat[i + 2], flat[i + 3]]);
      else if (flat[i] === 0x1005) spans.push([flat[i + 1], flat[i + 2], flat[i + 3]]);
    }

    fields.sort((a, b) => a[1] - b[1]);
    return { text: flat[0], fields, spans, start };
  }

  function formatToParts(shape, date) {
    const flat = binding.formatToParts(shape.localeId, shape.pattern, shape.timeZone, timeOf(date));
    const text = flat[0];
    const parts = [];
    let at = 0;
    for (let i = 1; i < flat.length; i += 4) {
      const [field, start, end] = [flat[i + 1], flat[i + 2], flat[i + 3]];
      if (start < at) continue;
      if (start > at) parts.push({ type: 'literal', value: text.slice(at, start) });
      parts.push({ type: PART_TYPES[field] || 'unknown', value: text.slice(start, end) });
      at = end;
    }

    if (at < text.length) parts.push({ type: 'literal', value: text.slice(at) });
    return parts;
  }

  const DateTimeFormat = defineFormatter('DateTimeFormat', {
    callable: true,
    Native,
    shapeOf(locales, options) {
      const read = binding.readOptions(options, 'any', 'date', false);
      return shapeFor(locales, read[0], read[1]);
    },
    format: (shape, date) => formatTime(shape, timeOf(date)),
    methods: {
      formatToParts,
      // Two dates that read the same are one date, formatted as format() and formatToParts() do (V8's way).
      formatRange(shape, startDate, endDate) {
        const range = rangeParts(shape, startDate, endDate);
        return range.spans.length === 0 ? formatTime(shape, range.start) : range.text;
      },
      formatRangeToParts(shape, startDate, endDate) {
        const { text, fields, spans, start } = rangeParts(shape, startDate, endDate);
        if (spans.length === 0) {
          return formatToParts(shape, start).map((part) => Object.assign(part, { source: 'shared' }));
        }

        const sourceAt = (index) => {
          for (const [field, from, to] of spans) {
            if (index >= from && index < to) return field === 0 ? 'startRange' : 'endRange';
          }

          return 'shared';
        };
        const parts = [];
        let at = 0;
        for (const [field, from, to] of fields) {
          if (from < at) continue;
          if (from > at) parts.push({ type: 'literal', value: text.slice(at, from), source: sourceAt(at) });
          parts.push({ type: PART_TYPES[field] || 'unknown', value: text.slice(from, to), source: sourceAt(from) });
          at = to;
        }

        if (at < text.length) parts.push({ type: 'literal', value: text.slice(at), source: sourceAt(at) });
        return parts;
      },
      resolvedOptions(shape) {
        return Object.assign({}, shape.resolved);
      },
    },
  });

  return {
    DateTimeFormat,
    // Date.prototype.toLocale*String's formats: the host reads the options, formats, and caches shapes itself.
    shapeFor,
  };
})
