export { teardown as default } from './azuriteGlobal';
