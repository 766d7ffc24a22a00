/**
 * The layering rules of DESIGN.md, checked on every `npm run lint`: no import cycles, graph/ and store/ know
 * nothing of Teams, cards/ render card-shaped data only, and the Graph emulator shares no code with the
 * production gateway (the bot must work the same against real Graph).
 */
module.exports = {
  forbidden: [
    { name: 'no-cycle', severity: 'error', comment: 'An import cycle makes load order matter and hides a missing layer.', from: {}, to: { circular: true } },
    {
      name: 'graph-and-store-know-no-teams', severity: 'error',
      comment: 'graph/ and store/ are usable without Teams: no botbuilder, no Teams code, no cards.',
      from: { path: '^bot/(graph|store)/' },
      to: { path: ['^node_modules/(botbuilder|botframework-)', '^bot/teams/', '^bot/present', '^cards/', '^bot/(handler|adapter|server|cardData)\\.ts$'] },
    },
    {
      name: 'commands-are-words-only', severity: 'error',
      comment: 'The grammar turns words into Commands; it knows no Graph, store, Teams or operation.',
      from: { path: '^bot/commands/' },
      to: { path: '^bot/(graph|operations|notify|store|identity|teams|emulator)/' },
    },
    {
      name: 'operations-and-notify-know-no-teams', severity: 'error',
      comment: 'Operations and the poller know neither wire format: Teams is handed in (a sender, an announcer) by app.ts.',
      from: { path: '^bot/(operations|notify)/' },
      to: { path: ['^bot/teams/', '^node_modules/(botbuilder|botframework-)'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'notify-builds-on-operations-not-back', severity: 'error',
      comment: 'operations/ manage watches with notify/ parts; notify/ polls and delivers and never reaches back into operations/.',
      from: { path: '^bot/notify/' },
      to: { path: '^bot/operations/' },
    },
    {
      // A warning until the builders that still take Graph types (profiles, jobs, apps, action, audit) receive
      // card-shaped data from bot/present/; every new card follows it.
      name: 'cards-render-card-data-only', severity: 'warn',
      comment: 'cards/ builders take card-shaped data: nothing from graph/, operations/, notify/ or the Teams side.',
      from: { path: '^cards/' },
      to: { path: '^bot/(graph|operations|notify|store|identity|teams|emulator)/' },
    },
    {
      name: 'gateway-shares-nothing-with-emulator', severity: 'error',
      comment: 'The gateway must behave the same against real Graph: it never leans on the emulator.',
      from: { path: '^bot/graph/' },
      to: { path: '^bot/emulator/' },
    },
    {
      name: 'emulator-shares-nothing-with-gateway', severity: 'error',
      comment: 'The emulator follows Microsoft\'s documentation, not our client: it imports nothing from the bot.',
      from: { path: '^bot/emulator/', pathNot: '^bot/emulator/main\\.ts$' },
      to: { path: '^(bot/(?!emulator/)|cards/)' },
    },
    {
      name: 'production-loads-no-emulator-except-demo-wiring', severity: 'error',
      comment: 'Only demoTenant.ts (which starts the demo tenant on demand) loads the emulator; others may name its types.',
      from: { path: '^bot/', pathNot: ['^bot/emulator/', '^bot/demoTenant\\.ts$'] },
      to: { path: '^bot/emulator/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|node_modules)/' },
  },
};
