#!/bin/sh
# Generates the lab's test PKI once (the PEM files are committed; rerun only to change them).
#   ca.pem / ca-key.pem                  "Gateway Doctor Lab CA": the CA tests pass as an extra trusted CA
#   untrusted-ca.pem / untrusted-ca-key.pem  "Gateway Doctor Untrusted CA": never trusted (plays an interception box)
#   leaf.pem / leaf-key.pem              localhost, *.localhost, chat.lab, *.chat.lab, 127.0.0.1, ::1 — by the lab CA
#   wrong-host.pem / wrong-host-key.pem  only other.example — by the lab CA (a certificate for another site)
#   expired.pem / expired-key.pem        same names as leaf.pem, valid 2020-01-01 → 2021-01-01 — by the lab CA
#   untrusted.pem / untrusted-key.pem    same names as leaf.pem — by the untrusted CA
# Everything but expired.pem is valid until 2036-01-01. Keys are EC P-256 (small, fast). Needs OpenSSL ≥ 1.1.1.
# Usage: sh e2e/lab/certs/make-certs.sh   (writes next to this script)
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

START=20250101000000Z
END=20360101000000Z

# `openssl ca` is the one command of OpenSSL 3.0 that takes explicit start and end dates (x509 -req only takes -days).
ca_config() { # $1 = directory of the CA database
  cat <<CONF
[ ca ]
default_ca = lab
[ lab ]
dir = $1
database = $1/index.txt
new_certs_dir = $1
serial = $1/serial
default_md = sha256
policy = anything
copy_extensions = copy
unique_subject = no
[ anything ]
commonName = supplied
organizationName = optional
[ ca_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ leaf_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CONF
}

new_db() { # $1 = name
  mkdir -p "$work/$1"
  : > "$work/$1/index.txt"
  openssl rand -hex 16 > "$work/$1/serial"
  ca_config "$work/$1" > "$work/$1/openssl.cnf"
}

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

make_ca() { # $1 = file prefix, $2 = common name
  new_db "$1"
  new_key "$1-key.pem"
  openssl req -new -key "$1-key.pem" -subj "/O=Gateway Doctor Lab/CN=$2" -out "$work/$1.csr"
  openssl ca -batch -notext -selfsign -config "$work/$1/openssl.cnf" -keyfile "$1-key.pem" \
    -startdate "$START" -enddate "$END" -extensions ca_ext -in "$work/$1.csr" -out "$1.pem" 2>/dev/null
}

make_leaf() { # $1 = file prefix, $2 = issuing CA prefix, $3 = common name, $4 = subjectAltName, $5 = start, $6 = end
  new_key "$1-key.pem"
  openssl req -new -key "$1-key.pem" -subj "/O=Gateway Doctor Lab/CN=$3" -addext "subjectAltName=$4" -out "$work/$1.csr"
  openssl ca -batch -notext -config "$work/$2/openssl.cnf" -cert "$2.pem" -keyfile "$2-key.pem" \
    -startdate "$5" -enddate "$6" -extensions leaf_ext -in "$work/$1.csr" -out "$1.pem" 2>/dev/null
}

LAB_NAMES="DNS:localhost,DNS:*.localhost,DNS:chat.lab,DNS:*.chat.lab,IP:127.0.0.1,IP:::1"

make_ca ca "Gateway Doctor Lab CA"
make_ca untrusted-ca "Gateway Doctor Untrusted CA"
make_leaf leaf ca chat.lab "$LAB_NAMES" "$START" "$END"
make_leaf wrong-host ca other.example "DNS:other.example" "$START" "$END"
make_leaf expired ca chat.lab "$LAB_NAMES" 20200101000000Z 20210101000000Z
make_leaf untrusted untrusted-ca chat.lab "$LAB_NAMES" "$START" "$END"

for name in leaf wrong-host expired untrusted; do
  issuer=ca
  [ "$name" = untrusted ] && issuer=untrusted-ca
  openssl verify -attime 1767225600 -CAfile "$issuer.pem" "$name.pem" >/dev/null 2>&1 || [ "$name" = expired ]
done
echo "lab certificates written to $(pwd)"
