/**
 * Every path through the seed instructions, as a staff member clicks it: from the first card of a
 * flow to an end card. `click` is the exact button label; `sees` are substrings of the card that
 * follows the click (for steps[0]: of the first card).
 *
 * Seeds: flows/sources/000_6fed7dc7d090f00a.txt (beknopt stappenplan) and
 * flows/sources/001_aa782606bf296214.txt (Inloggen - inlogproblemen).
 */

export interface SeedPathStep {
  click?: string;
  sees: string[];
}

export interface SeedPath {
  name: string;
  flow: string;
  steps: SeedPathStep[];
}

/** Label of the single button on an instruction card (no continueLabel in the flows). */
const NEXT = 'Gedaan';

const MAIN = 'klant-kan-niet-inloggen';

/** Seed 001, start: the self-help page first; it does not work, and the customer is no colleague. */
const zelfhulpStart: SeedPathStep = {
  sees: ['Eerst zelf een nieuw wachtwoord of gebruikersnaam aanvragen', 'Hulp bij inloggen (bibliotheek.nl)', 'spam-box', "Stroomschema's inloggen"],
};
const zelfhulpLuktNiet: SeedPathStep[] = [
  zelfhulpStart,
  { click: 'Lukt niet', sees: ['Klant, collega of vrijwilliger?', 'Is de klant een collega of vrijwilliger?'] },
];

const gewoneKlant: SeedPathStep[] = [
  ...zelfhulpLuktNiet,
  { click: 'Gewone klant', sees: ['Check de inlogaccount-rechten', 'Toon inlogaccount-rechten'] },
];

/** Seed 000 "wel rechten" + seed 001 stap 1 (Actief → stap 4) and stap 4 up to the website login (stap 5). */
const rechtenAanwezigTotWebsite: SeedPathStep[] = [
  ...gewoneKlant,
  { click: 'Rechten aanwezig', sees: ['Check gebruikersnaam en status', 'Toon inlogaccount-gegevens', 'Gebruikersnaam, E-mail en Status', 'abonnement actief'] },
  { click: 'Status Actief', sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
  { click: NEXT, sees: ['Laat de klant inloggen op de website', 'website van de bibliotheek', 'PC/laptop'] },
];

/** Website login fails: seed 000 "Wachtwoord vergeten?" and seed 001 stap 6. */
const totWachtwoordReset: SeedPathStep[] = [
  ...rechtenAanwezigTotWebsite,
  { click: 'Lukt niet / wachtwoord vergeten', sees: ['Laat de klant het wachtwoord resetten', 'Wachtwoord vergeten?', 'gebruikersnaam invullen', 'Wachtwoord resetten bij de KB'] },
];

/** Seed 001 stap 7: no reset mail. */
const totHerstelEmail: SeedPathStep[] = [
  ...totWachtwoordReset,
  { click: 'Geen mail ontvangen', sees: ['spambox', 'herstel-e-mailadres', 'Reset herstel-emailadres', 'Single Identity'] },
];

/** Seed 001 stap 8 and 9: alternative address, then the check "kan de klant nu inloggen". */
const totControleNaAlternatief: SeedPathStep[] = [
  ...totHerstelEmail,
  { click: 'Nog steeds geen mail', sees: ['Vraag een alternatief mailadres'] },
  { click: NEXT, sees: ['Kan de klant nu inloggen?'] },
];

/** Seed 001 stap 10. */
const totBrowser: SeedPathStep[] = [
  ...totControleNaAlternatief,
  { click: 'Lukt nog niet', sees: ['Opgeslagen inloggegevens in de browser?', 'gebruikersnaam/wachtwoord', 'andere browser', 'via de app'] },
];

/** Seed 001 stap 11. */
const totIncognito: SeedPathStep[] = [
  ...totBrowser,
  { click: 'Lukt niet / niets opgeslagen', sees: ['Inloggen in een incognitovenster', 'incognito- of privacyscherm'] },
];

const gelukt: string[] = ['Inloggen lukt', 'Online Bibliotheek of in de app', 'pasnummer'];

/** Seed 000 "geen rechten": Autoriseer inlogaccount and check again. */
const geenRechten: SeedPathStep[] = [
  ...gewoneKlant,
  {
    click: 'Geen rechten',
    sees: [
      'Geen rechten: autoriseer het inlogaccount',
      'Autoriseer inlogaccount',
      'Check opnieuw',
      'OnlineBibliotheek - Compleet',
      'Online Bibliotheek Compleet · Actief',
      'theorie.nl, bereslim, skillstoun',
      'tot en met 18 jaar',
      '€ 45',
    ],
  },
];

/** Seed 000 punt 2 / seed 001 stap 2: no linked login account. */
const gegrijsd: SeedPathStep[] = [
  ...gewoneKlant,
  { click: 'Gegrijsd: geen inlogaccount', sees: ['Geen inlogaccount gekoppeld', 'Genereer / koppel inlogaccount', 'collega/vrijwilliger'] },
];

const websiteVanafStatusActief: SeedPathStep[] = [
  { click: 'Status Actief', sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
  { click: NEXT, sees: ['Laat de klant inloggen op de website'] },
  { click: 'Inloggen lukt', sees: gelukt },
];

const websiteVanafActiveer: SeedPathStep[] = [
  { click: NEXT, sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
  { click: NEXT, sees: ['Laat de klant inloggen op de website'] },
  { click: 'Inloggen lukt', sees: gelukt },
];

const EBOOKS = 'geen-rechten-e-books';
const ebooksStart: SeedPathStep = {
  sees: ['Hoort e-books lenen bij het abonnement?', 'geen rechten om e-books te lenen', 'zou moeten kunnen lenen bij de Online Bibliotheek'],
};
const ebooksTotRechten: SeedPathStep[] = [
  ebooksStart,
  { click: 'Ja, e-books horen erbij', sees: ['Controleer de rechten', 'Toon inlogaccount-rechten', 'OnlineBibliotheek - Compleet'] },
];
const ebooksActiveerTotControle: SeedPathStep[] = [
  { click: NEXT, sees: ['Activeer het inlogaccount', 'Activeer inlogaccount', '24 uur'] },
  { click: NEXT, sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
  { click: NEXT, sees: ['Kan de klant de Online Bibliotheek nu gebruiken?'] },
];

const LOGOUT = 'authentication-logout-detected';
const logoutStart: SeedPathStep = {
  sees: ['AUTHENTICATION.LOGOUT_DETECTED', 'Mijn Menu', 'adblocker, VPN of een niet ondersteunde browser', 'VPN en/of de adblocker uitschakelen', 'Edge, Chrome, Safari of Firefox'],
};

const INACTIEF = 'inactief-inlogaccount';
const inactiefStart: SeedPathStep = {
  sees: ['Inactief inlogaccount', '24 uur', 'nieuw inlogaccount voor de klant genereren', 'bestaand inlogaccount koppelen', 'zou weer moeten lukken'],
};

export const seedPaths: SeedPath[] = [
  // --- Klant kan niet inloggen (seed 000 + seed 001) ---
  {
    name: 'Hulppagina: nieuw wachtwoord/gebruikersnaam aangevraagd → inloggen lukt',
    flow: MAIN,
    steps: [zelfhulpStart, { click: 'Inloggen lukt', sees: ['Opgelost via de hulppagina', 'nieuw opgevraagde gegevens'] }],
  },
  {
    name: 'Hulppagina lukt niet → Klant is collega → collega moet zelf inloggen in Wise',
    flow: MAIN,
    steps: [
      ...zelfhulpLuktNiet,
      { click: 'Klant is collega', sees: ['Collega of vrijwilliger logt zelf in', 'zelf inloggen in Wise', 'inlogaccount te koppelen', 'je kunt hun gegevens niet inzien'] },
    ],
  },
  {
    name: 'Hulppagina lukt niet → Klant is vrijwilliger → vrijwilliger moet zelf inloggen in Wise',
    flow: MAIN,
    steps: [
      ...zelfhulpLuktNiet,
      { click: 'Klant is vrijwilliger', sees: ['Collega of vrijwilliger logt zelf in', 'zelf inloggen in Wise', 'je kunt hun gegevens niet inzien'] },
    ],
  },
  {
    name: 'Rechten aanwezig → gebruikersnaam check → Status Actief → Autoriseer (KB vernieuwen) → website lukt niet → "Wachtwoord vergeten?" → mail ontvangen → inloggen lukt',
    flow: MAIN,
    steps: [
      ...totWachtwoordReset,
      { click: 'Mail ontvangen', sees: ['Kan de klant nu inloggen?'] },
      { click: 'Inloggen lukt', sees: gelukt },
    ],
  },
  {
    name: 'Rechten aanwezig → gebruikersnaam check → Status Actief → Autoriseer (KB vernieuwen) → inloggen op website lukt',
    flow: MAIN,
    steps: [...rechtenAanwezigTotWebsite, { click: 'Inloggen lukt', sees: gelukt }],
  },
  {
    name: 'Geen rechten → Autoriseer inlogaccount → opnieuw gecheckt: rechten nu aanwezig → Status Actief → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...geenRechten,
      { click: 'Nu wel rechten', sees: ['Check gebruikersnaam en status', 'Toon inlogaccount-gegevens'] },
      ...websiteVanafStatusActief,
    ],
  },
  {
    name: 'Geen rechten → Autoriseer inlogaccount → opnieuw gecheckt: nog steeds geen rechten → abonnement en InstructieWise',
    flow: MAIN,
    steps: [
      ...geenRechten,
      { click: 'Nog steeds geen rechten', sees: ['Nog steeds geen rechten', 'abonnement van de klant actief', 'Inlogproblemen_single_identity.pdf', 'InstructieWise'] },
    ],
  },
  {
    name: 'Geen inlogaccount gekoppeld (gegrijsd) → klant heeft account → Koppel inlogaccount → Status Actief → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...gegrijsd,
      { click: 'Wel account, weet gebruikersnaam', sees: ['Koppel het bestaande inlogaccount', 'Koppel inlogaccount', 'gebruikersnaam nodig', 'kan inloggen bij de KB', 'partner / kinderen'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount', 'Toon inlogaccount-gegevens'] },
      ...websiteVanafStatusActief,
    ],
  },
  {
    name: 'Geen inlogaccount gekoppeld (gegrijsd) → geen account → Genereer inlogaccount (eerst PC/laptop) → niet actief → Activeer inlogaccount → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...gegrijsd,
      { click: 'Geen account', sees: ['Genereer een nieuw inlogaccount', 'Genereer inlogaccount', 'PC/laptop', 'pas als dat lukt in de app of de Online Bibliotheek'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount'] },
      { click: 'Niet actief', sees: ['Activeer het inlogaccount', 'Activeer inlogaccount', '24 uur'] },
      ...websiteVanafActiveer,
    ],
  },
  {
    name: 'Rechten aanwezig → gebruikersnaam check → status niet actief → Activeer inlogaccount (24 uur) → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...gewoneKlant,
      { click: 'Rechten aanwezig', sees: ['Check gebruikersnaam en status'] },
      { click: 'Niet actief', sees: ['Activeer het inlogaccount', 'Activeer inlogaccount', '24 uur'] },
      ...websiteVanafActiveer,
    ],
  },
  {
    name: 'Rechten aanwezig → Toon inlogaccount-gegevens gegrijsd → geen account → Genereer inlogaccount → Status Actief → KB vernieuwen → website lukt',
    flow: MAIN,
    steps: [
      ...gewoneKlant,
      { click: 'Rechten aanwezig', sees: ['Check gebruikersnaam en status'] },
      { click: 'Gegrijsd: geen inlogaccount', sees: ['Geen inlogaccount gekoppeld', 'Genereer / koppel inlogaccount'] },
      { click: 'Geen account', sees: ['Genereer inlogaccount', 'PC/laptop'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount'] },
      ...websiteVanafStatusActief,
    ],
  },
  {
    name: 'Wachtwoord vergeten? → geen resetmail → spambox en Reset herstel-emailadres → mail nu ontvangen → inloggen lukt',
    flow: MAIN,
    steps: [
      ...totHerstelEmail,
      { click: 'Mail nu ontvangen', sees: ['Kan de klant nu inloggen?'] },
      { click: 'Inloggen lukt', sees: gelukt },
    ],
  },
  {
    name: 'Wachtwoord vergeten? → geen resetmail → herstel-emailadres → nog steeds geen mail → alternatief mailadres → inloggen lukt',
    flow: MAIN,
    steps: [...totControleNaAlternatief, { click: 'Inloggen lukt', sees: gelukt }],
  },
  {
    name: 'Na wachtwoord reset lukt inloggen nog niet → opgeslagen gegevens in de browser → andere browser/PC of app: inloggen lukt',
    flow: MAIN,
    steps: [...totBrowser, { click: 'Inloggen lukt', sees: gelukt }],
  },
  {
    name: 'Na wachtwoord reset lukt inloggen nog niet → andere browser lukt niet → incognitovenster: inloggen lukt',
    flow: MAIN,
    steps: [...totIncognito, { click: 'Inloggen lukt', sees: gelukt }],
  },
  {
    name: 'Hele keten stap 6 t/m 12: wachtwoord reset → geen mail → herstel-emailadres → alternatief mailadres → browser → incognito → niet opgelost',
    flow: MAIN,
    steps: [
      ...totIncognito,
      {
        click: 'Lukt nog niet',
        sees: ['Inloggen lukt nog steeds niet', 'Inlogproblemen_single_identity.pdf', 'InstructieWise', 'AUTHENTICATION.LOGOUT_DETECTED', "Stroomschema's inloggen"],
      },
    ],
  },

  // --- Geen rechten om e-books te lenen (seed 001, stap 1-6) ---
  {
    name: 'Geen rechten e-books → abonnement hoort geen e-books te geven → uitleg Compleet rechten',
    flow: EBOOKS,
    steps: [
      ebooksStart,
      { click: 'Nee, niet bij dit abonnement', sees: ['Geen Compleet rechten bij dit abonnement', 'tot en met 18 jaar', '€ 45'] },
    ],
  },
  {
    name: 'Geen rechten e-books → stap 1 geen inlogaccount gekoppeld → stap 2 Koppel inlogaccount (juiste actor) → stap 4 Activeer → stap 5 Autoriseer → stap 6 e-books lenen lukt',
    flow: EBOOKS,
    steps: [
      ...ebooksTotRechten,
      { click: 'Geen inlogaccount gekoppeld', sees: ['Koppel het inlogaccount aan het abonnement', 'Koppel inlogaccount', 'juiste actor', 'partner / kinderen'] },
      ...ebooksActiveerTotControle,
      { click: 'E-books lenen lukt', sees: ['E-books lenen lukt'] },
    ],
  },
  {
    name: 'Geen rechten e-books → stap 1 wel inlogaccount → stap 3 juiste account → stap 4 Activeer → stap 5 Autoriseer → stap 6 lukt nog niet → InstructieWise',
    flow: EBOOKS,
    steps: [
      ...ebooksTotRechten,
      { click: 'Wel inlogaccount gekoppeld', sees: ['Logt de klant in met het juiste account?', 'gebruikersnaam die in Wise aan het abonnement gekoppeld is'] },
      ...ebooksActiveerTotControle,
      { click: 'Lukt nog niet', sees: ['Nog steeds geen rechten om e-books te lenen', 'Inlogproblemen_single_identity.pdf'] },
    ],
  },

  // --- Foutmelding AUTHENTICATION.LOGOUT_DETECTED (seed 001) ---
  {
    name: 'AUTHENTICATION.LOGOUT_DETECTED → VPN/adblocker uit, ondersteunde browser → inloggen in Mijn Menu lukt',
    flow: LOGOUT,
    steps: [logoutStart, { click: 'Inloggen lukt', sees: ['Inloggen in Mijn Menu lukt'] }],
  },
  {
    name: 'AUTHENTICATION.LOGOUT_DETECTED → VPN/adblocker uit, ondersteunde browser → lukt nog niet → verder met "Klant kan niet inloggen"',
    flow: LOGOUT,
    steps: [logoutStart, { click: 'Lukt nog niet', sees: ['Klant kan niet inloggen'] }],
  },

  // --- Inactief inlogaccount (seed 001) ---
  {
    name: 'Inactief inlogaccount → bestaand account koppelen → Status Actief → KB vernieuwen → inloggen lukt',
    flow: INACTIEF,
    steps: [
      inactiefStart,
      { click: 'Ja, bestaand account koppelen', sees: ['Koppel het bestaande inlogaccount', 'Koppel inlogaccount', 'partner / kinderen'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount', 'Toon inlogaccount-gegevens'] },
      { click: 'Status Actief', sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
      { click: NEXT, sees: ['Kan de klant nu inloggen?', 'website van de bibliotheek'] },
      { click: 'Inloggen lukt', sees: ['Inloggen lukt', 'Online Bibliotheek of in de app'] },
    ],
  },
  {
    name: 'Inactief inlogaccount → nieuw account genereren (eerst PC/laptop) → niet actief → Activeer (24 uur) → KB vernieuwen → lukt nog niet → verder met "Klant kan niet inloggen"',
    flow: INACTIEF,
    steps: [
      inactiefStart,
      { click: 'Nieuw account genereren', sees: ['Genereer een nieuw inlogaccount', 'Genereer inlogaccount', 'PC/laptop'] },
      { click: NEXT, sees: ['Check de status van het inlogaccount'] },
      { click: 'Niet actief', sees: ['Activeer het inlogaccount', 'Activeer inlogaccount', '24 uur'] },
      { click: NEXT, sees: ['Vernieuw de klantgegevens bij de KB', 'Autoriseer inlogaccount'] },
      { click: NEXT, sees: ['Kan de klant nu inloggen?', 'PC/laptop'] },
      { click: 'Lukt nog niet', sees: ['Klant kan niet inloggen', 'wachtwoord resetten'] },
    ],
  },

  // --- Stroomschema's (seed 001, onderaan) ---
  {
    name: "Stroomschema's voor klantvragen: overzicht en link",
    flow: 'stroomschemas',
    steps: [
      {
        sees: [
          "Stroomschema's voor hulp met klantvragen",
          "Stroomschema's inloggen",
          'Gebruikersnaam vergeten',
          'Self-service account verwijderen',
          'Balie: lid worden',
          'niet gebruikt in de Bind bibliotheken',
          "Stroomschema 'problemen met inlogaccount'",
        ],
      },
    ],
  },
];
