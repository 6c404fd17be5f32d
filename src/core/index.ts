/** The init core: pure data and functions, shared by the analysis, the CLI, the extension and the webview. */
export * from './activations';
export * from './distribution';
export * from './fans';
export * from './framework';
export * from './gain';
export * from './histogram';
export * from './initError';
export * from './moments';
export * from './params';
export * from './propagate';
export * from './recommend';
export * from './registry';
export * from './resolve';
export * from './sample';
export * from './scheme';
export { JAX_VARIANCE_SCALING_PRESETS } from './frameworks/jax';
export { KERAS_VARIANCE_SCALING_PRESETS } from './frameworks/keras';
export { TFJS_VARIANCE_SCALING_PRESETS } from './frameworks/tfjs';
