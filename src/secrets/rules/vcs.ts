// biome-ignore-all lint/suspicious/noTemplateCurlyInString: samples quote ${VAR} references literally, as files do
import type { RuleDefinition } from '../types.ts';
import { ALNUM, assigned, BASE64URL, fake, HEX, LOWER_ALNUM, prefixed } from './build.ts';

const W = `${ALNUM}_`;

/** Source hosting and code platforms: GitHub, GitLab, Bitbucket, Atlassian, Gitea, Sourcegraph. */
export const VCS_RULES: RuleDefinition[] = [
  {
    id: 'github-pat',
    description: 'GitHub personal access token (classic)',
    regex: prefixed('ghp_[A-Za-z0-9]{36}'),
    keywords: ['ghp_'],
    entropy: 3,
    severity: 'critical',
    samples: {
      truePositives: [
        `GITHUB_TOKEN=ghp_${fake('ghp-1', ALNUM, 36)}`,
        `git clone https://x-access-token:ghp_${fake('ghp-2', ALNUM, 36)}@github.com/acme/api.git`,
      ],
      falsePositives: [
        'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'token: ${{ secrets.GITHUB_TOKEN }}',
        `ghp_${fake('ghp-3', ALNUM, 20)} is too short to be a token`,
      ],
    },
  },
  {
    id: 'github-oauth',
    description: 'GitHub OAuth access token',
    regex: prefixed('gho_[A-Za-z0-9]{36}'),
    keywords: ['gho_'],
    entropy: 3,
    severity: 'critical',
    samples: {
      truePositives: [`oauth_token: gho_${fake('gho', ALNUM, 36)}`],
      falsePositives: ['oauth_token: gho_<token>'],
    },
  },
  {
    id: 'github-app-token',
    description: 'GitHub App user-to-server or installation token',
    regex: prefixed('(?:ghu|ghs)_[A-Za-z0-9]{36}'),
    keywords: ['ghu_', 'ghs_'],
    entropy: 3,
    severity: 'critical',
    samples: {
      truePositives: [
        `INSTALLATION_TOKEN=ghs_${fake('ghs', ALNUM, 36)}`,
        `token = "ghu_${fake('ghu', ALNUM, 36)}"`,
      ],
      falsePositives: ['INSTALLATION_TOKEN=ghs_0000000000000000000000000000000000000'],
    },
  },
  {
    id: 'github-refresh-token',
    description: 'GitHub refresh token',
    regex: prefixed('ghr_[A-Za-z0-9]{36,76}'),
    keywords: ['ghr_'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`refresh_token=ghr_${fake('ghr', ALNUM, 76)}`],
      falsePositives: ['refresh_token=ghr_...'],
    },
  },
  {
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token',
    regex: prefixed('github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'),
    keywords: ['github_pat_'],
    entropy: 3,
    severity: 'critical',
    samples: {
      truePositives: [
        `export GH_TOKEN=github_pat_${fake('fgpat-1', ALNUM, 22)}_${fake('fgpat-2', ALNUM, 59)}`,
      ],
      falsePositives: [
        'export GH_TOKEN=github_pat_XXXXXXXXXXXXXXXXXXXXXX_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      ],
    },
  },
  {
    id: 'gitlab-pat',
    description: 'GitLab personal access token',
    regex: prefixed('glpat-[\\w-]{20}'),
    keywords: ['glpat-'],
    entropy: 3,
    severity: 'critical',
    samples: {
      truePositives: [`GITLAB_TOKEN=glpat-${fake('glpat', BASE64URL, 20)}`],
      falsePositives: ['GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx', 'GITLAB_TOKEN=glpat-'],
    },
  },
  {
    id: 'gitlab-pat-routable',
    description: 'GitLab personal access token (routable)',
    regex: prefixed('glpat-[\\w-]{27,300}\\.[0-9a-z]{2}\\.?[0-9a-z]{7}'),
    keywords: ['glpat-'],
    entropy: 4,
    severity: 'critical',
    samples: {
      truePositives: [
        `GITLAB_TOKEN=glpat-${fake('glpat-r1', BASE64URL, 36)}.01${fake('glpat-r2', LOWER_ALNUM, 7)}`,
      ],
      falsePositives: ['GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.01.xxxxxxxxx'],
    },
  },
  {
    id: 'gitlab-ptt',
    description: 'GitLab pipeline trigger token',
    regex: prefixed('glptt-[0-9a-f]{40}'),
    keywords: ['glptt-'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [
        `curl -X POST -F token=glptt-${fake('glptt', HEX, 40)} -F ref=main https://gitlab.com/api/v4/projects/1/trigger/pipeline`,
      ],
      falsePositives: ['curl -X POST -F token=glptt-$TRIGGER_TOKEN'],
    },
  },
  {
    id: 'gitlab-rrt',
    description: 'GitLab runner registration token',
    regex: prefixed('GR1348941[\\w-]{20}'),
    keywords: ['gr1348941'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`gitlab-runner register --registration-token GR1348941${fake('rrt', BASE64URL, 20)}`],
      falsePositives: ['gitlab-runner register --registration-token GR1348941XXXXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'gitlab-runner-authentication-token',
    description: 'GitLab runner authentication token',
    regex: prefixed('glrt-(?:t[0-9]_[\\w-]{27,300}\\.[0-9a-z]{9}|[\\w-]{20})'),
    keywords: ['glrt-'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [
        `  token = "glrt-${fake('glrt', BASE64URL, 20)}"`,
        `token: glrt-t1_${fake('glrt-r', BASE64URL, 30)}.0${fake('glrt-s', LOWER_ALNUM, 8)}`,
      ],
      falsePositives: ['  token = "glrt-REPLACE_ME_TOKEN____"'],
    },
  },
  {
    id: 'gitlab-deploy-token',
    description: 'GitLab deploy token',
    regex: prefixed('gldt-[\\w-]{20}'),
    keywords: ['gldt-'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`DEPLOY_TOKEN=gldt-${fake('gldt', BASE64URL, 20)}`],
      falsePositives: ['DEPLOY_TOKEN=gldt-<token>'],
    },
  },
  {
    id: 'gitlab-feed-token',
    description: 'GitLab feed token',
    regex: prefixed('glft-[\\w-]{20}'),
    keywords: ['glft-'],
    entropy: 3,
    severity: 'medium',
    samples: {
      truePositives: [
        `https://gitlab.com/dashboard/issues.atom?feed_token=glft-${fake('glft', BASE64URL, 20)}`,
      ],
      falsePositives: ['feed_token=glft-'],
    },
  },
  {
    id: 'gitlab-incoming-mail-token',
    description: 'GitLab incoming mail token',
    regex: prefixed('glimt-[\\w-]{25}', '(?![A-Za-z0-9_])'),
    keywords: ['glimt-'],
    entropy: 3,
    severity: 'medium',
    samples: {
      truePositives: [`incoming+acme-api-1-glimt-${fake('glimt', BASE64URL, 25)}-issue@incoming.gitlab.com`],
      falsePositives: ['incoming+acme-api-1-glimt-xxxxxxxxxxxxxxxxxxxxxxxxx-issue@incoming.gitlab.com'],
    },
  },
  {
    id: 'gitlab-kubernetes-agent-token',
    description: 'GitLab agent for Kubernetes token',
    regex: prefixed('glagent-[\\w-]{50}'),
    keywords: ['glagent-'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [
        `helm upgrade --install agent gitlab/gitlab-agent --set config.token=glagent-${fake('glagent', BASE64URL, 50)}`,
      ],
      falsePositives: ['--set config.token=glagent-${AGENT_TOKEN}'],
    },
  },
  {
    id: 'gitlab-oauth-app-secret',
    description: 'GitLab OAuth application secret',
    regex: prefixed('gloas-[\\w-]{64}'),
    keywords: ['gloas-'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`GITLAB_APP_SECRET=gloas-${fake('gloas', BASE64URL, 64)}`],
      falsePositives: ['GITLAB_APP_SECRET=gloas-'],
    },
  },
  {
    id: 'gitlab-scim-token',
    description: 'GitLab SCIM token',
    regex: prefixed('glsoat-[\\w-]{20}'),
    keywords: ['glsoat-'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`scim_token: glsoat-${fake('glsoat', BASE64URL, 20)}`],
      falsePositives: ['scim_token: glsoat-XXXXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'gitlab-feature-flag-client-token',
    description: 'GitLab feature flag client token',
    regex: prefixed('glffct-[\\w-]{20}'),
    keywords: ['glffct-'],
    entropy: 3,
    severity: 'medium',
    samples: {
      truePositives: [`UNLEASH_INSTANCE_ID=glffct-${fake('glffct', BASE64URL, 20)}`],
      falsePositives: ['UNLEASH_INSTANCE_ID=glffct-...'],
    },
  },
  {
    id: 'gitlab-cicd-job-token',
    description: 'GitLab CI/CD job token',
    regex: prefixed('glcbt-[0-9a-zA-Z]{1,5}_[\\w-]{20}'),
    keywords: ['glcbt-'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`CI_JOB_TOKEN=glcbt-64_${fake('glcbt', BASE64URL, 20)}`],
      falsePositives: ['CI_JOB_TOKEN=glcbt-$CI_JOB_TOKEN'],
    },
  },
  {
    id: 'gitlab-session-cookie',
    description: 'GitLab session cookie',
    regex: '_gitlab_session=([0-9a-z]{32})(?![0-9a-z])',
    keywords: ['_gitlab_session='],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`Cookie: _gitlab_session=${fake('glsess', LOWER_ALNUM, 32)}`],
      falsePositives: ['Cookie: _gitlab_session=<session>'],
    },
  },
  {
    id: 'atlassian-api-token',
    description: 'Atlassian API token',
    regex: prefixed('ATATT3[\\w=-]{186}'),
    keywords: ['atatt3'],
    entropy: 3.5,
    severity: 'high',
    samples: {
      truePositives: [`JIRA_API_TOKEN=ATATT3xFfGF0${fake('atatt', BASE64URL, 180)}`],
      falsePositives: ['JIRA_API_TOKEN=ATATT3...'],
    },
  },
  {
    id: 'atlassian-legacy-api-token',
    description: 'Atlassian (Jira, Confluence) API token, legacy format',
    regex: assigned('jira|confluence|atlassian', '[A-Za-z0-9]{24}'),
    flags: 'i',
    keywords: ['jira', 'confluence', 'atlassian'],
    entropy: 3.5,
    severity: 'high',
    samples: {
      truePositives: [`JIRA_API_TOKEN=${fake('jira', ALNUM, 24)}`],
      falsePositives: ['JIRA_PROJECT_KEY=PLATFORMINFRASTRUCTURE', 'jira_url: https://acme.atlassian.net'],
    },
  },
  {
    id: 'bitbucket-app-password',
    description: 'Bitbucket app password or access token',
    regex: prefixed('ATBB[A-Za-z0-9_=.-]{32}|ATCTT3xFfGN0[\\w=-]{180,200}'),
    keywords: ['atbb', 'atctt3xffgn0'],
    entropy: 3.5,
    severity: 'high',
    samples: {
      truePositives: [`BITBUCKET_APP_PASSWORD=ATBB${fake('atbb', `${W}=.-`, 32)}`],
      falsePositives: ['BITBUCKET_APP_PASSWORD=ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'bitbucket-client-secret',
    description: 'Bitbucket OAuth consumer secret',
    regex: assigned('bitbucket', '[\\w-]{32}(?:[\\w-]{32})?'),
    flags: 'i',
    keywords: ['bitbucket'],
    entropy: 3.5,
    severity: 'high',
    samples: {
      truePositives: [`BITBUCKET_CLIENT_SECRET=${fake('bb-secret', ALNUM, 32)}`],
      falsePositives: [
        'BITBUCKET_CLIENT_SECRET=$BITBUCKET_CLIENT_SECRET',
        'bitbucket_workspace: acme-platform-team',
      ],
    },
  },
  {
    id: 'gitea-access-token',
    description: 'Gitea / Forgejo access token',
    regex: assigned('gitea|forgejo|codeberg', '[a-f0-9]{40}'),
    flags: 'i',
    keywords: ['gitea', 'forgejo', 'codeberg'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`GITEA_TOKEN=${fake('gitea', HEX, 40)}`],
      falsePositives: ['GITEA_TOKEN=${{ secrets.GITEA_TOKEN }}'],
    },
  },
  {
    id: 'sourcegraph-access-token',
    description: 'Sourcegraph access token',
    regex: prefixed('sgp_(?:[a-f0-9]{16}|local)_[a-f0-9]{40}|sgp_[a-f0-9]{40}'),
    keywords: ['sgp_'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`SRC_ACCESS_TOKEN=sgp_${fake('sgp-1', HEX, 16)}_${fake('sgp-2', HEX, 40)}`],
      falsePositives: ['SRC_ACCESS_TOKEN=sgp_local_'],
    },
  },
];
