import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = 'django-insecure-_%xz%+4u^mo2_zx!l8+6k-5v^o0nx4o2_fm+p_(2*-#8(b5@mh'
DEBUG = False
ALLOWED_HOSTS = ['acme.io']

VAULT_TOKEN = "hvs.CAESIJP31FHswAI-39yGrWiZwQMVfb69hkq3LBcS2HAEUGbqx_h1f6tfxuMvJ-BSFx0cOVkHa3Qn1riMjsv1eYw68evkVaPfIl"
    tfe_token = 'GyqChVCHbdg90b.atlasv1.P-cn8rzWZ-SxjRBE0olD6n0J-qkT4MpXUFLpXvj7kCoz1picL_Qbh1lVPMuCka6Jr7'
DOPPLER_TOKEN = "dp.st.prd.kr6jNuH5CuHGFxjFeqIKzsFQddEi7iITgUmP0jU4"
    pulumi_access_token = 'pul-fdb58801cbd8d5f00ee87d8632d72be095d442a8'
gateway_api_key = os.environ["GATEWAY_API_KEY"]
const keyboardLayout = "en-US-international-reports";
const avatar = "data:image/png;base64,hl2AyMQK6XSYG0isr7/ssvCBkMxH34OEDooxDsmRVW/05j2gxceakfHByD44gHPlGvDTzf0KdzQ88moPMO8aEImVpsC2T5HJ";
assert.equal(config.reports.secretKey, undefined);
const csrfToken = "SdxeL7affCsmVHFCPsykT7ltBXKAxZKNFeVOFn4U";
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'PASSWORD': 'ofhDqv5UQ4yBzk679',
        'PASSWORD': os.environ.get('DB_PASSWORD', ''),
    }
}
