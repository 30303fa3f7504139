# Sourced by the scripts: the local secret key unless the environment gives one.
if [ -z "${DJANGO_SECRET_KEY:-}" ] && [ -s .local/secret_key ]; then
    DJANGO_SECRET_KEY=$(cat .local/secret_key)
    export DJANGO_SECRET_KEY
fi
