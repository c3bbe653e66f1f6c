// The generator's public surface: what `floorplan generate`, the living demo and benchmarks use.
export { generateCenter, type GenerationSummary } from './generate-center.js';
export { feedPlanOf, generateDemo, generateOverHttp, generatorKeys, GENERATOR_USER, type DemoResult, type GenerateRunOptions, type KeyAdmin } from './generate-demo.js';
export { createFeed, feedEvents, type FeedEvent, type FeedPlan } from './live-feed.js';
export { startLiveFeeder, type FeederProgress, type FeedSpeed, type LiveFeeder, type LiveFeederOptions } from './live-feeder.js';
export { generateOptionsSchema, planGeneration, type GenerateOptions, type GenerateOptionsInput, type GenerationPlan } from './plan.js';
export { GeneratorError } from './wfm-http.js';
