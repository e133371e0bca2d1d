// The `images` context variable and where pod specs live (spec §6.5).
export { extractImages, ImageExtractionError } from './extract-images.js';
export { podSpecPaths, type PodSpecPaths } from './pod-spec-paths.js';
