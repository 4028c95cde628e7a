#!/usr/bin/env bash
# File: engine/cli/man_completion_test.sh
#
# The man page and the bash completion the tool generates from its usage
# table, used as a person would: groff renders the page without a warning,
# and bash completes commands, flags and flag values through the script.
#
#   engine/cli/man_completion_test.sh _build/release/iameval
set -euo pipefail
cli=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "man_completion_test: $*" >&2; exit 1; }

"$cli" --man > "$scratch/iameval.1"
command -v groff >/dev/null || fail "groff is missing (scripts/setup.sh installs groff-base)"
# grotty overstrikes bold and italic (c BACKSPACE c): drop the overstrikes.
groff -man -Tutf8 -ww -P-c "$scratch/iameval.1" 2> "$scratch/warnings.txt" \
  | sed -e "s/.\x08//g" > "$scratch/page.txt"
[ ! -s "$scratch/warnings.txt" ] || fail "groff warns: $(cat "$scratch/warnings.txt")"
for text in 'iameval - decide AWS IAM requests' '--resource-arn ARN' 'EXIT STATUS' \
            'aws s3api get-bucket-policy --bucket reports | iameval check -'; do
  grep -qF -- "$text" "$scratch/page.txt" || fail "the rendered page lacks \`$text\`"
done

"$cli" --bash-completion > "$scratch/iameval.bash"
# shellcheck source=/dev/null
source "$scratch/iameval.bash"
complete_words() {  # the words bash would offer after the command line "$@"
  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
  _iameval
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
expect() {
  local want=$1; shift
  local got; got=$(complete_words "$@")
  [ "$got" = "$want" ] || fail "completing \`$*\`: got \`$got\`, want \`$want\`"
}
expect 'decide decide-json ' iameval dec
expect 'check ' iameval ch
expect '--kind ' iameval check --ki
expect 'scp session ' iameval check --kind s
expect 'roleTrust ' iameval decide --resource-kind ro
expect '--resource --resource-account --resource-arn --resource-kind ' iameval decide --resou
expect '--version ' iameval --vers
touch "$scratch/policy-one.json"
expect "$scratch/policy-one.json " iameval decide --identity "$scratch/policy-o"
expect "$scratch/policy-one.json " iameval check "$scratch/policy-o"
expect ' ' iameval decide --principal arn  # a value to type: nothing offered
echo "man_completion_test: the man page renders cleanly and bash completes commands, flags and values"
