package docpair

import "testing"

func TestBlockTranslated(t *testing.T) {
	tests := []struct {
		name, src, tgt string
		want           bool
	}{
		{"translated", "Open the file.", "Откройте файл.", true},
		{"quotes and spaces alone", "The “Buffers” tab.", "The «Buffers»  tab.", false},
		{"label before a name", "Option: Aptitude::CmdLine::Disable-Columns", "Опция: Aptitude::CmdLine::Disable-Columns", true},
		{"placeholder in a command", "$ sudo pbuilder --build foo_version.dsc", "$ sudo pbuilder --build foo_версия.dsc", true},
		{"English left, edited since", "Choose Tools - Options to open the dialog.", "Choose Tools - Options to open the settings dialog.", false},
		{"English left, a word dropped", "Click the button twice.", "Click the button.", false},
		{"same script", "Open the file.", "Ouvrez le fichier.", true},
		{"English with a translated label", "See Maintaining your public key for more information on maintaining your public key.",
			"See Сопровождение вашего открытого ключа for more information on maintaining your public key.", false},
		{"heading with a translated word", "5.1. README.Debian", "5.1. Файл README.Debian", true},
		{"translated, names kept", "Run apt-get update and then apt-get upgrade to install them.", "Выполните apt-get update, а затем apt-get upgrade, чтобы установить их.", true},
	}
	for _, tt := range tests {
		src, tgt := "en", "ru"
		if tt.name == "same script" {
			tgt = "fr"
		}
		if got := BlockTranslated(tt.src, tt.tgt, src, tgt); got != tt.want {
			t.Errorf("%s: BlockTranslated = %v, want %v", tt.name, got, tt.want)
		}
	}
}
