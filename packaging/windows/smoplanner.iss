; Inno Setup 6 script: installs smoplanner for the current user (no administrator rights), with a Start
; menu entry and the .smoplan file type (icon, "Open with smoplanner"). Written and reviewed on Linux:
; NOT built or tested on Windows yet (see packaging/README.md).
; Build on Windows: python packaging\build.py windows  (runs ISCC with AppVersion and BuildDir), or
;   iscc /DAppVersion=0.1.0 /DBuildDir=..\..\build\packaging packaging\windows\smoplanner.iss

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BuildDir
  #define BuildDir "..\..\build\packaging"
#endif
#define AppName "smoplanner"
#define ProgId "smoplanner.Plan.1"

[Setup]
AppId={{6B1E5C2A-9F3D-4E7B-A8C1-53D04F50A001}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=smoplanner developers
DefaultDirName={localappdata}\Programs\smoplanner
DefaultGroupName=smoplanner
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir={#BuildDir}
OutputBaseFilename=smoplanner-{#AppVersion}-windows-x64-setup
SetupIconFile={#BuildDir}\icons\smoplanner.ico
UninstallDisplayIcon={app}\smoplannerw.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "{#BuildDir}\dist\smoplanner\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#BuildDir}\icons\smoplanner.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\smoplanner"; Filename: "{app}\smoplannerw.exe"; IconFilename: "{app}\smoplanner.ico"
Name: "{autodesktop}\smoplanner"; Filename: "{app}\smoplannerw.exe"; IconFilename: "{app}\smoplanner.ico"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; Per user (HKCU\Software\Classes, what HKA is for a non-administrative install): a ProgID for plans,
; .smoplan pointing at it, and the program in "Open with".
Root: HKA; Subkey: "Software\Classes\.smoplan"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.smoplan"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-smoplanner"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.smoplan\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "smoplanner plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: "FriendlyTypeName"; ValueData: "smoplanner plan"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\smoplanner.ico,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open"; ValueType: string; ValueName: ""; ValueData: "Open with smoplanner"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\smoplannerw.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\smoplannerw.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "smoplanner"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\smoplannerw.exe\SupportedTypes"; ValueType: string; ValueName: ".smoplan"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\smoplannerw.exe\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\smoplannerw.exe"" ""%1"""

[Run]
Filename: "{app}\smoplannerw.exe"; Description: "{cm:LaunchProgram,smoplanner}"; Flags: nowait postinstall skipifsilent
