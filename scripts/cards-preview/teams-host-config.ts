/**
 * An Adaptive Cards host config close to Microsoft Teams' light theme (after the values Microsoft
 * publishes for the card designer's "Microsoft Teams - Light" host), so the preview has Teams'
 * spacing, font sizes and container colours. Segoe UI is not on Linux: the font stack falls back
 * to Arial or Liberation Sans, which are about as wide.
 */

const FONT_FAMILY = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";
const MONOSPACE_FAMILY = "Consolas, 'Courier New', 'Liberation Mono', monospace";

/** Text colours are the same on every container style in Teams; only the background changes. */
const FOREGROUND = {
  default: { default: '#ff252424', subtle: '#bf252424' },
  dark: { default: '#ff252424', subtle: '#bf252424' },
  light: { default: '#ffffffff', subtle: '#fff3f2f1' },
  accent: { default: '#ff6264a7', subtle: '#ff8b8cc7' },
  good: { default: '#ff237b4b', subtle: '#e5237b4b' },
  warning: { default: '#ff835c00', subtle: '#e5835c00' },
  attention: { default: '#ffc4314b', subtle: '#e5c4314b' },
};

const BACKGROUNDS = {
  default: '#ffffffff',
  emphasis: '#fff5f5f5',
  accent: '#ffe8ebfa',
  good: '#ffe7f2da',
  attention: '#fffcf4f6',
  warning: '#fffbf6d9',
};

const fontType = (fontFamily: string) => ({
  fontFamily,
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
});

export const TEAMS_LIGHT_HOST_CONFIG = {
  supportsInteractivity: true,
  fontFamily: FONT_FAMILY,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#ffe1dfdd' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  fontTypes: { default: fontType(FONT_FAMILY), monospace: fontType(MONOSPACE_FAMILY) },
  containerStyles: Object.fromEntries(
    Object.entries(BACKGROUNDS).map(([style, backgroundColor]) => [style, { backgroundColor, foregroundColors: FOREGROUND }]),
  ),
  actions: {
    maxActions: 6,
    spacing: 'Default',
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
    allowTitleToWrap: false,
  },
  adaptiveCard: { allowCustomStyle: false },
  factSet: {
    title: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Bolder', wrap: true },
    value: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Default', wrap: true },
    spacing: 16,
  },
} as const;

/** Teams' chat column: cards with `msteams.width: Full` take this width; 450–600 px on a laptop. */
export const TEAMS_CHAT_WIDTH_PX = 520;
/** The narrowest a staff member's chat column realistically gets (Teams beside Wise on one screen). */
export const TEAMS_NARROW_WIDTH_PX = 450;
/** Teams mobile on a small phone: every card must also fit here. */
export const TEAMS_MOBILE_WIDTH_PX = 320;
