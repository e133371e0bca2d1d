// The request every webhook benchmark sends: an Argo CD-style Pod CREATE that passes the pod-security and starter sets.
export const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web', team: 'shop' } },
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: 'ghcr.io/acme/web:1.2.3',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        resources: { limits: { cpu: '500m', memory: '256Mi' } },
      },
    ],
  },
};

const gvk = { group: '', version: 'v1', kind: 'Pod' };
const gvr = { group: '', version: 'v1', resource: 'pods' };

/** The AdmissionReview v1 body, as the API server sends it. */
export const podCreateReview = JSON.stringify({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: {
    uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
    ...{ kind: gvk, resource: gvr, requestKind: gvk, requestResource: gvr },
    name: 'web',
    namespace: 'shop',
    operation: 'CREATE',
    userInfo: {
      username: 'system:serviceaccount:argocd:argocd-application-controller',
      groups: ['system:serviceaccounts'],
    },
    object: pod,
    oldObject: null,
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  },
});
