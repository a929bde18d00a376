export {
  type CompareVersions,
  compareLoosely,
  type RequiredFix,
  rankUpgrades,
  type UpgradeAdvice,
} from './rank.ts';
